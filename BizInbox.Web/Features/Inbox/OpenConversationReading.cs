namespace BizInbox.Web.Features.Inbox;

/// <summary>
/// The read marks of a conversation open on screen. Only a message newer than the last one asked for is marked (status,
/// label or presence changes must not cost every viewer a write), one mark at a time, and the view does not wait for it:
/// the marks' writer (<see cref="ReadMarkWriter"/>) may wait for the database's write lock, and the next messages must not
/// wait with it. A newer message that came meanwhile is marked once the mark before it is stored, so a busy conversation
/// costs a mark per write rather than one per message. A mark that failed is asked again at the next look.
/// </summary>
/// <param name="newest">The newest message on screen.</param>
/// <param name="mark">Stores a mark up to a message.</param>
/// <param name="failed">Hands a failed mark's error to the circuit.</param>
public sealed class OpenConversationReading(Func<long> newest, Func<long, Task> mark, Func<Exception, Task> failed)
{
    private long _askedUpTo;
    private bool _marking;

    /// <summary>Marks the newest message read if it is newer than the last one asked for and no mark is under way. Call on the circuit.</summary>
    public void Look()
    {
        var upTo = newest();
        if (!_marking && upTo > _askedUpTo)
        {
            (_marking, _askedUpTo) = (true, upTo);
            _ = MarkAsync(upTo);
        }
    }

    // Resumes on the caller's context (the circuit), as the view's own awaits do.
    private async Task MarkAsync(long upTo)
    {
        try
        {
            await mark(upTo);
            _marking = false;
            Look();
        }
        catch (OperationCanceledException)
        {
            (_marking, _askedUpTo) = (false, 0); // the server is stopping
        }
        catch (Exception ex)
        {
            (_marking, _askedUpTo) = (false, 0);
            await failed(ex);
        }
    }
}

using BizInbox.Web.Realtime;

namespace BizInbox.Web.Features.Inbox;

/// <summary>
/// What an open list has still to do for the changes it heard: patch the rows of some conversations, or read everything
/// again. Changes arrive on the bus's threads while the list catches up on its circuit, hence the lock.
/// </summary>
public sealed class ListCatchUp
{
    private readonly Lock _gate = new();
    private HashSet<long> _conversations = [];
    private bool _all;

    /// <summary>A change to one conversation's row is patched; anything else (a member, a label renamed) reads the list again.</summary>
    public void Note(InboxChange change)
    {
        lock (_gate)
        {
            if (change is { Kind: ChangeKind.MessageAdded or ChangeKind.ConversationChanged or ChangeKind.ReadStateChanged, ConversationId: > 0 })
            {
                _conversations.Add(change.ConversationId);
            }
            else
            {
                _all = true;
            }
        }
    }

    public void ReadAll()
    {
        lock (_gate)
        {
            _all = true;
        }
    }

    /// <summary>What is due, emptied: everything, or the conversations to patch.</summary>
    public (bool All, IReadOnlyCollection<long> Conversations) Take()
    {
        lock (_gate)
        {
            var due = (_all, (IReadOnlyCollection<long>)_conversations);
            (_all, _conversations) = (false, []);
            return due;
        }
    }
}

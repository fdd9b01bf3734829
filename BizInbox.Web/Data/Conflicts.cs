using BizInbox.Domain;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Web.Data;

/// <summary>
/// Runs a unit of work again when another writer changed the same conversation between its read and its write
/// (<see cref="ConversationVersions"/>). Each attempt must load afresh (a new context): the retry then applies the
/// rule to what is stored now, e.g. a snooze that ends finds the conversation resolved and leaves it so.
/// </summary>
public static class Conflicts
{
    /// <summary>Attempts before an agent's verb is reported as a conflict.</summary>
    public const int Attempts = 4;

    /// <summary>
    /// Runs <paramref name="attempt"/> until it stores without a conflict; after <paramref name="attempts"/> conflicts in a
    /// row the change is reported (<c>conversation.changed_meanwhile</c>), never stored over the other writer's.
    /// </summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> attempt, int attempts = Attempts)
    {
        for (var tried = 1; ; tried++)
        {
            try
            {
                return await attempt();
            }
            catch (DbUpdateConcurrencyException) when (tried < attempts)
            {
                // Someone stored a newer version of the conversation meanwhile: start again from it.
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new DomainException(
                    "conversation.changed_meanwhile", "Someone else changed this conversation at the same moment. Look at it again and try once more.");
            }
        }
    }

    public static async Task RetryAsync(Func<Task> attempt, int attempts = Attempts) =>
        await RetryAsync(async () =>
        {
            await attempt();
            return true;
        }, attempts);
}

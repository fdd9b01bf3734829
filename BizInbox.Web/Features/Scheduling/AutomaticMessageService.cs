using System.Globalization;
using BizInbox.Domain.Businesses;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Scheduling;
using BizInbox.Web.Channels;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Features.Team;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Features.Scheduling;

/// <summary>The greeting and away message as the settings page edits them.</summary>
public sealed record AutomaticMessageSettings(bool GreetingEnabled, string GreetingText, int? GreetingAgainAfterHours, bool AwayEnabled, string AwayText);

/// <summary>The greeting and away message: their settings (owners and managers) and answering customer messages with them.</summary>
public sealed class AutomaticMessageService(
    IDbContextFactory<BizInboxDbContext> contexts, BusinessHoursService hours, ConversationService conversations, ILogger<AutomaticMessageService> logger) : IAutomaticAnswers
{
    public async Task<AutomaticMessageSettings> GetAsync(CurrentMember actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ManageTeam, ct);
        var saved = await db.AutomaticMessages.AsNoTracking().SingleOrDefaultAsync(s => s.Id == Business.SingletonId, ct)
                    ?? AutomaticMessages.Off(Business.SingletonId);
        return new AutomaticMessageSettings(saved.GreetingEnabled, saved.GreetingText, saved.GreetingAgainAfterHours, saved.AwayEnabled, saved.AwayText);
    }

    /// <summary>Replaces the settings; the next opening is written in the language of the person saving (they wrote the texts).</summary>
    public async Task SaveAsync(CurrentMember actor, AutomaticMessageSettings settings, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ManageTeam, ct);
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var saved = await db.AutomaticMessages.SingleOrDefaultAsync(s => s.Id == Business.SingletonId, ct);
        if (saved is null)
        {
            db.AutomaticMessages.Add(AutomaticMessages.Create(Business.SingletonId, settings.GreetingEnabled, settings.GreetingText,
                settings.GreetingAgainAfterHours, settings.AwayEnabled, settings.AwayText, language));
        }
        else
        {
            saved.Change(settings.GreetingEnabled, settings.GreetingText, settings.GreetingAgainAfterHours, settings.AwayEnabled, settings.AwayText, language);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Answers customer messages that were just stored with the greeting or away message they earn. Called after the
    /// commit of every inbound path; never fails the caller: the customer's message is stored whatever happens here.
    /// </summary>
    public async Task AnswerAsync(IReadOnlyCollection<long> customerMessageIds, CancellationToken ct = default)
    {
        if (customerMessageIds.Count == 0)
        {
            return;
        }

        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var settings = await db.AutomaticMessages.AsNoTracking().SingleOrDefaultAsync(s => s.Id == Business.SingletonId, ct);
            if (settings is not { GreetingEnabled: true } and not { AwayEnabled: true })
            {
                return;
            }

            var calendar = await hours.CalendarAsync(ct);
            var ids = customerMessageIds.ToList();
            var incoming = await db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id) && m.Kind == MessageKind.Incoming)
                .OrderBy(m => m.Id).Select(m => new { m.Id, m.ConversationId, m.CreatedAt }).ToListAsync(ct);
            var decided = new HashSet<(long, string)>();
            foreach (var message in incoming)
            {
                var previous = await db.Messages.AsNoTracking()
                    .Where(m => m.ConversationId == message.ConversationId && m.Kind == MessageKind.Incoming && m.Id < message.Id)
                    .OrderByDescending(m => m.Id).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefaultAsync(ct);
                if (AutomaticMessageRules.Decide(settings, calendar, message.CreatedAt, previous) is { } plan && decided.Add((message.ConversationId, plan.Key)))
                {
                    await conversations.SendAutomaticAsync(message.ConversationId, plan, ct);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Automatic messages for {Count} customer messages could not be sent", customerMessageIds.Count);
        }
    }
}

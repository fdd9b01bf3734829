using System.Collections.Concurrent;
using BizInbox.Domain.Businesses;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Reporting;
using BizInbox.Domain.Scheduling;
using BizInbox.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BizInbox.Web.Data.Keeping;

/// <summary>
/// Stores the reporting facts that conversations recorded, in the same SaveChanges (and so the same transaction) as the
/// change itself, whichever path made it: the composer, web chat, the WhatsApp writers, the snooze wake-up, the seeder.
/// The business time of each fact is worked out now, with the hours in force now.
/// </summary>
public sealed class ReportFactRecorder : SaveChangesInterceptor
{
    public static readonly ReportFactRecorder Instance = new();

    // Per database (tests run many side by side); an entry lives a minute, so hours changed on another server count soon.
    private static readonly ConcurrentDictionary<string, (BusinessCalendar Calendar, long LoadedAt)> Calendars = new();
    private static readonly long Lifetime = TimeSpan.FromMinutes(1).Ticks / TimeSpan.TicksPerMillisecond;

    /// <summary>Forgets the cached calendar of the database, after its hours or time zone changed.</summary>
    public static void HoursChanged(DbContext db) => Calendars.TryRemove(Key(db), out _);

    /// <summary>Forgets every cached calendar (another server changed the hours or the time zone).</summary>
    public static void ForgetCalendars() => Calendars.Clear();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db && Pending(db) is { Count: > 0 } pending)
        {
            var calendar = pending.Any(p => p.Fact.Since is not null) ? CurrentCalendar(db) : null;
            Add(db, pending, calendar);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && Pending(db) is { Count: > 0 } pending)
        {
            var calendar = pending.Any(p => p.Fact.Since is not null) ? await CurrentCalendarAsync(db, cancellationToken) : null;
            Add(db, pending, calendar);
        }

        return result;
    }

    /// <summary>The calendar facts are recorded with now (cached for a minute).</summary>
    public static BusinessCalendar CurrentCalendar(DbContext db) => CachedCalendar(db) ?? Store(db, LoadCalendar(db));

    /// <inheritdoc cref="CurrentCalendar"/>
    public static async ValueTask<BusinessCalendar> CurrentCalendarAsync(DbContext db, CancellationToken ct) =>
        CachedCalendar(db) ?? Store(db, await LoadCalendarAsync(db, ct));

    /// <summary>The calendar reports use for business time: the saved hours in the business's zone (always open when none are saved).</summary>
    public static async Task<BusinessCalendar> LoadCalendarAsync(DbContext db, CancellationToken ct)
    {
        var zoneId = await db.Set<Business>().AsNoTracking().Where(b => b.Id == Business.SingletonId).Select(b => b.TimeZoneId).FirstOrDefaultAsync(ct);
        var hours = await db.Set<BusinessHours>().AsNoTracking().FirstOrDefaultAsync(h => h.Id == Business.SingletonId, ct);
        return Calendar(zoneId, hours);
    }

    private static BusinessCalendar LoadCalendar(DbContext db)
    {
        var zoneId = db.Set<Business>().AsNoTracking().Where(b => b.Id == Business.SingletonId).Select(b => b.TimeZoneId).FirstOrDefault();
        var hours = db.Set<BusinessHours>().AsNoTracking().FirstOrDefault(h => h.Id == Business.SingletonId);
        return Calendar(zoneId, hours);
    }

    private static BusinessCalendar Calendar(string? zoneId, BusinessHours? hours)
    {
        var zone = zoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found) ? found : TimeZoneInfo.Utc;
        return (hours ?? BusinessHours.AlwaysOpen(Business.SingletonId)).InZone(zone);
    }

    private static List<(Conversation Conversation, ConversationFact Fact)> Pending(DbContext db)
    {
        // Only the tracked conversations are needed, not their changes: listing them must not run another full change
        // detection on every save (SaveChanges runs its own, and webhook batches save often).
        var pending = new List<(Conversation, ConversationFact)>();
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in db.ChangeTracker.Entries<Conversation>())
            {
                if (entry.Entity.PendingFacts.Count > 0)
                {
                    pending.AddRange(entry.Entity.TakeFacts().Select(f => (entry.Entity, f)));
                }
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }

        return pending;
    }

    private static void Add(DbContext db, List<(Conversation Conversation, ConversationFact Fact)> pending, BusinessCalendar? calendar)
    {
        foreach (var (conversation, fact) in pending)
        {
            db.Add(ReportFact.Of(conversation, fact, calendar));
        }
    }

    private static BusinessCalendar? CachedCalendar(DbContext db) =>
        Calendars.TryGetValue(Key(db), out var cached) && Environment.TickCount64 - cached.LoadedAt < Lifetime ? cached.Calendar : null;

    private static BusinessCalendar Store(DbContext db, BusinessCalendar calendar)
    {
        Calendars[Key(db)] = (calendar, Environment.TickCount64);
        return calendar;
    }

    private static string Key(DbContext db) => db.Database.GetConnectionString() ?? string.Empty;
}

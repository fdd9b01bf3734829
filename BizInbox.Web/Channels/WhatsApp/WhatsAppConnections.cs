using BizInbox.Domain;
using BizInbox.Domain.Channels;
using BizInbox.Domain.Team;
using BizInbox.Web.Data;
using BizInbox.Web.Realtime.Servers;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Identity.Audit;
using BizInbox.Web.Identity;

namespace BizInbox.Web.Channels.WhatsApp;

/// <summary>What the owner types to connect a number. Empty secrets keep the stored ones when editing.</summary>
public sealed record WhatsAppSettingsInput(
    string PhoneNumberId, string BusinessAccountId, string DisplayPhoneNumber, string? AccessToken, string? AppSecret, string? VerifyToken,
    string? GraphApiVersion, string? GraphBaseUrl);

/// <summary>A connection as the settings page shows it: secrets only as their last characters.</summary>
public sealed record WhatsAppConnectionView(
    int InboxId, string InboxName, string PhoneNumberId, string BusinessAccountId, string DisplayPhoneNumber, string GraphApiVersion,
    string GraphBaseUrl, string AccessTokenHint, string AppSecretHint, string VerifyTokenHint, DateTimeOffset? LastWebhookAt, string? LastSendError,
    WhatsAppHealth Health);

/// <summary>The secrets of a connection, unprotected, for the webhook and the sender only.</summary>
internal sealed record WhatsAppSecrets(
    int InboxId, string PhoneNumberId, string AccessToken, string AppSecret, string VerifyToken, string GraphApiVersion, string GraphBaseUrl,
    string BusinessAccountId = "");

/// <summary>Connecting WhatsApp numbers (owner only). Secrets are encrypted with ASP.NET Core Data Protection and never shown again in full.</summary>
public sealed class WhatsAppConnections(
    IDbContextFactory<BizInboxDbContext> contexts, IDataProtectionProvider protection, TimeProvider clock, AuditLog audit,
    GraphAddressPolicy addresses, ICrossServerSignals signals)
{
    private readonly IDataProtector _secrets = protection.CreateProtector("BizInbox.WhatsApp.Secrets.v1");

    public async Task<IReadOnlyList<WhatsAppConnectionView>> ListAsync(CurrentMember actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ManageChannels, ct);
        var rows = await (from w in db.WhatsAppConnections.AsNoTracking()
                          join i in db.Inboxes on w.InboxId equals i.Id
                          orderby i.Name
                          select new { w, i.Name }).ToListAsync(ct);
        var health = await WhatsAppChannelHealth.ForAsync(db, clock.GetUtcNow(), ct);
        return rows.Select(r => new WhatsAppConnectionView(
            r.w.InboxId, r.Name, r.w.PhoneNumberId, r.w.BusinessAccountId, r.w.DisplayPhoneNumber, r.w.GraphApiVersion, r.w.GraphBaseUrl,
            Hint(r.w.ProtectedAccessToken), Hint(r.w.ProtectedAppSecret), Hint(r.w.ProtectedVerifyToken), r.w.LastWebhookAt, r.w.LastSendError,
            health.GetValueOrDefault(r.w.InboxId, WhatsAppHealth.Healthy))).ToList();
    }

    /// <summary>Connects a new number with its own inbox.</summary>
    public async Task<int> ConnectAsync(CurrentMember actor, string inboxName, WhatsAppSettingsInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ManageChannels, ct);
        addresses.Require(input.GraphBaseUrl);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var inbox = Inbox.Create(inboxName, ChannelType.WhatsApp, clock.GetUtcNow());
        db.Inboxes.Add(inbox);
        await db.SaveChangesAsync(ct);
        db.WhatsAppConnections.Add(WhatsAppConnection.Create(
            inbox.Id, input.PhoneNumberId, input.BusinessAccountId, input.DisplayPhoneNumber,
            Protect(input.AccessToken), Protect(input.AppSecret), Protect(input.VerifyToken), input.GraphApiVersion, input.GraphBaseUrl));
        audit.Add(db, actor, Domain.Audit.AuditAction.WhatsAppConnected, inboxName, input.DisplayPhoneNumber);
        await SaveUniqueAsync(db, ct);
        await transaction.CommitAsync(ct);
        return inbox.Id;
    }

    public async Task UpdateAsync(CurrentMember actor, int inboxId, WhatsAppSettingsInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ManageChannels, ct);
        var connection = await db.WhatsAppConnections.FirstOrDefaultAsync(w => w.InboxId == inboxId, ct)
            ?? throw new DomainException("inbox.not_found", "This channel does not exist.");
        addresses.Require(input.GraphBaseUrl);
        connection.Change(input.PhoneNumberId, input.BusinessAccountId, input.DisplayPhoneNumber, input.GraphApiVersion, input.GraphBaseUrl);
        connection.ReplaceSecrets(ProtectOrNull(input.AccessToken), ProtectOrNull(input.AppSecret), ProtectOrNull(input.VerifyToken));
        audit.Add(db, actor, Domain.Audit.AuditAction.WhatsAppChanged, input.DisplayPhoneNumber, SecretsReplaced(input));
        await SaveUniqueAsync(db, ct);
    }

    /// <summary>
    /// Disconnects a number: its connection and secrets are deleted, so nothing is sent or accepted for it any more,
    /// while its inbox and conversations stay readable. What WhatsApp reported about the business's number is forgotten
    /// with it (no badge without a number that vouches). The same inbox can be connected again later.
    /// </summary>
    public async Task DisconnectAsync(CurrentMember actor, int inboxId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ManageChannels, ct);
        var connection = await db.WhatsAppConnections.FirstOrDefaultAsync(w => w.InboxId == inboxId, ct)
            ?? throw new DomainException("inbox.not_found", "This channel does not exist.");
        var profileNumber = await db.WhatsAppConnections.OrderBy(w => w.InboxId).Select(w => w.InboxId).FirstAsync(ct) == inboxId;
        db.WhatsAppConnections.Remove(connection);
        if (profileNumber && await db.BusinessProfiles.FirstOrDefaultAsync(p => p.Id == Domain.Businesses.Business.SingletonId, ct) is { } profile)
        {
            profile.ForgetReport();
        }

        audit.Add(db, actor, Domain.Audit.AuditAction.WhatsAppDisconnected, connection.DisplayPhoneNumber, $"phone number id {connection.PhoneNumberId}");
        await db.SaveChangesAsync(ct);
        SecretsChanged();
    }

    /// <summary>Connects a number again to a WhatsApp inbox that was disconnected, so its conversations continue there.</summary>
    public async Task ReconnectAsync(CurrentMember actor, int inboxId, WhatsAppSettingsInput input, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ManageChannels, ct);
        if (!await db.Inboxes.AnyAsync(i => i.Id == inboxId && i.Channel == ChannelType.WhatsApp, ct)
            || await db.WhatsAppConnections.AnyAsync(w => w.InboxId == inboxId, ct))
        {
            throw new DomainException("inbox.not_found", "This channel does not exist.");
        }

        addresses.Require(input.GraphBaseUrl);
        db.WhatsAppConnections.Add(WhatsAppConnection.Create(
            inboxId, input.PhoneNumberId, input.BusinessAccountId, input.DisplayPhoneNumber,
            Protect(input.AccessToken), Protect(input.AppSecret), Protect(input.VerifyToken), input.GraphApiVersion, input.GraphBaseUrl));
        audit.Add(db, actor, Domain.Audit.AuditAction.WhatsAppConnected, input.DisplayPhoneNumber, "reconnected");
        await SaveUniqueAsync(db, ct);
    }

    /// <summary>WhatsApp inboxes whose number was disconnected: readable, and ready to be connected again.</summary>
    public async Task<IReadOnlyList<(int InboxId, string Name)>> DisconnectedAsync(CurrentMember actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await actor.RequireAsync(TeamRight.ManageChannels, ct);
        var rows = await db.Inboxes.AsNoTracking()
            .Where(i => i.Channel == ChannelType.WhatsApp && !db.WhatsAppConnections.Any(w => w.InboxId == i.Id))
            .OrderBy(i => i.Name).Select(i => new { i.Id, i.Name }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Name)).ToList();
    }

    /// <summary>Every connection's secrets (webhooks are checked against each app secret; there are few numbers).</summary>
    internal async Task<IReadOnlyList<WhatsAppSecrets>> SecretsAsync(CancellationToken ct = default)
    {
        // Every webhook needs them: kept in memory (unprotected only in this process) until a connection changes.
        if (_secretsCache is { } cached)
        {
            return cached;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.WhatsAppConnections.AsNoTracking().ToListAsync(ct);
        return _secretsCache = rows.Select(w => new WhatsAppSecrets(
            w.InboxId, w.PhoneNumberId, _secrets.Unprotect(w.ProtectedAccessToken), _secrets.Unprotect(w.ProtectedAppSecret),
            _secrets.Unprotect(w.ProtectedVerifyToken), w.GraphApiVersion, w.GraphBaseUrl, w.BusinessAccountId)).ToList();
    }

    private volatile IReadOnlyList<WhatsAppSecrets>? _secretsCache;

    /// <summary>Reads the secrets afresh on next use (another server changed a connection).</summary>
    internal void ForgetSecrets() => _secretsCache = null;

    private void SecretsChanged()
    {
        ForgetSecrets();
        signals.Send(CrossServerSignal.WhatsAppConnectionsChanged);
    }

    /// <summary>The secrets of one inbox's number, or null when the inbox has no WhatsApp connection.</summary>
    internal async Task<WhatsAppSecrets?> SecretsForAsync(int inboxId, CancellationToken ct = default) =>
        (await SecretsAsync(ct)).FirstOrDefault(s => s.InboxId == inboxId);

    /// <summary>Records the outcome of a send for the settings page: the error, or null after a success.</summary>
    internal async Task SendOutcomeAsync(int inboxId, string? error, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.WhatsAppConnections.Where(w => w.InboxId == inboxId && w.LastSendError != error)
            .ExecuteUpdateAsync(u => u.SetProperty(w => w.LastSendError, error), ct);
    }

    /// <summary>Which secrets a change replaced, by name only: the audit log never holds a secret.</summary>
    private static string SecretsReplaced(WhatsAppSettingsInput input)
    {
        var names = new[] { ("access token", input.AccessToken), ("app secret", input.AppSecret), ("verify token", input.VerifyToken) }
            .Where(s => !string.IsNullOrWhiteSpace(s.Item2)).Select(s => s.Item1).ToList();
        return names.Count == 0 ? "settings" : $"settings, new {string.Join(", ", names)}";
    }

    private string Protect(string? secret) =>
        string.IsNullOrWhiteSpace(secret) ? string.Empty : _secrets.Protect(secret.Trim());

    private string? ProtectOrNull(string? secret) => string.IsNullOrWhiteSpace(secret) ? null : Protect(secret);

    private string Hint(string protectedValue)
    {
        var plain = _secrets.Unprotect(protectedValue);
        return plain.Length <= 4 ? "••••" : "••••" + plain[^4..];
    }

    private async Task SaveUniqueAsync(BizInboxDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            SecretsChanged();
        }
        catch (DbUpdateException)
        {
            throw new DomainException("whatsapp.number_taken", "This phone number is already connected.");
        }
    }
}

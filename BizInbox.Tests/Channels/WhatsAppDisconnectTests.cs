using BizInbox.Domain.Audit;
using BizInbox.Domain.Profiles;
using BizInbox.Domain.Team;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Features.Profiles;
using Microsoft.EntityFrameworkCore;
using static BizInbox.Tests.Support.WhatsAppPayloads;
using BizInbox.Web.Channels;

namespace BizInbox.Tests.Channels;

/// <summary>
/// The owner disconnects a WhatsApp number: nothing is sent or accepted for it, its secrets are gone, the badge goes,
/// its conversations stay readable, and the same inbox can be connected again.
/// </summary>
public abstract class WhatsAppDisconnectTests(DatabaseProvider provider, PostgresServer? postgres) : WhatsAppInboxTests(provider, postgres)
{
    private WhatsAppConnections Connections => Database.Get<WhatsAppConnections>();

    [Fact]
    public async Task Disconnect_DeletesTheSecrets_RefusesReplies_AndKeepsTheConversationReadable()
    {
        var (conversationId, messageId) = await CustomerTextsAsync("Ist mein Rad fertig?");

        await Connections.DisconnectAsync(As(Owner), InboxId);

        (await Connections.SecretsForAsync(InboxId)).ShouldBeNull();
        await using (var db = Database.CreateDbContext())
        {
            (await db.WhatsAppConnections.AnyAsync()).ShouldBeFalse();
            (await db.AuditEntries.SingleAsync(e => e.Action == AuditAction.WhatsAppDisconnected)).Target.ShouldBe("+49 40 1234567");
        }

        await ShouldFailWithAsync("whatsapp.disconnected", () => SendAsync(conversationId, new TextDraft("Ja!")));
        (await Threads.HeaderAsync(conversationId)).ChannelDisconnected.ShouldBeTrue();
        (await Threads.MessagesAsync(conversationId, null)).Messages.ShouldContain(m => m.Id == messageId);
        (await Connections.DisconnectedAsync(As(Owner))).ShouldBe([(InboxId, "WhatsApp")]);
    }

    [Fact]
    public async Task Disconnect_TakesTheBadgeAndWhatWhatsAppReported()
    {
        var profiles = Database.Get<ProfileService>();
        await profiles.SaveAsync(As(Owner), new BusinessSettings("Europe/Berlin", "DE", "de"), new ProfileFields("rad", "", "", "", "", "", []));
        Graph.PhoneNumber(PhoneNumberId).IsOfficialBusinessAccount = true;
        await Database.Get<WhatsAppProfileSync>().RefreshAsync(CancellationToken.None);
        (await profiles.IdentityAsync()).Verified.ShouldBeTrue();

        await Connections.DisconnectAsync(As(Owner), InboxId);

        (await profiles.IdentityAsync()).Verified.ShouldBeFalse();
        (await profiles.PublicAsync("rad"))!.Verified.ShouldBeFalse();
        await using var db = Database.CreateDbContext();
        (await db.BusinessProfiles.SingleAsync()).LastReport.ShouldBeNull();
    }

    [Fact]
    public async Task Reconnect_ToTheSameInbox_ContinuesItsConversations()
    {
        var (conversationId, _) = await CustomerTextsAsync();
        await Connections.DisconnectAsync(As(Owner), InboxId);

        await Connections.ReconnectAsync(As(Owner), InboxId, new WhatsAppSettingsInput(
            PhoneNumberId, BusinessAccountId, "+49 40 1234567", Graph.AccessToken, "meta-app-secret", "verify-token", Graph.Version, Graph.BaseUrl));

        (await Connections.SecretsForAsync(InboxId)).ShouldNotBeNull();
        (await Threads.HeaderAsync(conversationId)).ChannelDisconnected.ShouldBeFalse();
        await SendAsync(conversationId, new TextDraft("Ja, ist fertig."));
        (await Connections.DisconnectedAsync(As(Owner))).ShouldBeEmpty();
        await ShouldFailWithAsync("inbox.not_found", () => Connections.ReconnectAsync(As(Owner), InboxId, new WhatsAppSettingsInput(
            "999", BusinessAccountId, "+49 40 1234567", "t", "s", "v", Graph.Version, Graph.BaseUrl)));
    }

    [Theory]
    [InlineData(TeamRole.Manager)]
    [InlineData(TeamRole.Agent)]
    public async Task OnlyTheOwner_Disconnects(TeamRole role)
    {
        var member = await AddMemberAsync(Owner, role, "member@example.com");

        await ShouldFailWithAsync("team.not_allowed", () => Connections.DisconnectAsync(As(member), InboxId));

        (await Connections.SecretsForAsync(InboxId)).ShouldNotBeNull();
    }
}

public sealed class SqliteWhatsAppDisconnectTests() : WhatsAppDisconnectTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresWhatsAppDisconnectTests(PostgresServer postgres) : WhatsAppDisconnectTests(DatabaseProvider.Postgres, postgres);

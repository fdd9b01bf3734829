using BizInbox.Domain.Channels;
using BizInbox.Domain.Team;
using BizInbox.Tests.Support;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Features.Templates;
using BizInbox.Web.Data;
using BizInbox.Web.Identity;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Ui;

namespace BizInbox.Tests.Features.Templates;

public abstract class TemplateServiceTests(DatabaseProvider provider, PostgresServer? postgres) : ServiceTests(provider, postgres), IAsyncLifetime
{
    private FakeGraphApi _graph = null!;

    private TemplateService Templates => Database.Get<TemplateService>();

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        _graph = await FakeGraphApi.StartAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _graph.DisposeAsync();
        await DisposeAsync();
    }

    private async Task<int> ConnectAsync(AppUser owner, string phoneNumberId = "106540352242922") =>
        await Database.Get<WhatsAppConnections>().ConnectAsync(As(owner), "WhatsApp " + phoneNumberId,
            new WhatsAppSettingsInput(phoneNumberId, "102290129340398", "+49 40 1234567", _graph.AccessToken, "app-secret", "verify-token",
                _graph.Version, _graph.BaseUrl));

    private async Task AddStoredAsync(int inboxId, string name, string language, string status, string body)
    {
        await using var db = Database.CreateDbContext();
        db.MessageTemplates.Add(MessageTemplate.Create(inboxId, name, language, TemplateCategory.Utility, status, body, Clock.GetUtcNow()));
        await db.SaveChangesAsync();
    }

    private async Task<List<MessageTemplate>> StoredAsync(int inboxId)
    {
        await using var db = Database.CreateDbContext();
        return await db.MessageTemplates.AsNoTracking().Where(t => t.InboxId == inboxId).OrderBy(t => t.Name).ThenBy(t => t.Language).ToListAsync();
    }

    [Fact]
    public async Task Sync_AddsNewTemplates_UpdatesKnownOnes_AndRemovesOnesMetaNoLongerLists()
    {
        var owner = await SetupOwnerAsync();
        var inboxId = await ConnectAsync(owner);
        await AddStoredAsync(inboxId, "order_ready", "de", "PENDING", "Alt: {{1}}");
        await AddStoredAsync(inboxId, "old_offer", "de", "APPROVED", "Gibt es nicht mehr");
        await AddStoredAsync(inboxId, "order_ready", "en_US", "APPROVED", "English stays only if listed");
        _graph.AddTemplate("order_ready", "de", "UTILITY", "APPROVED", "Hallo {{1}}, Ihre Bestellung {{2}} ist abholbereit.", "Passt", "Später");
        _graph.AddTemplate("spring_sale", "de", "MARKETING", "REJECTED", "20 % auf alles");
        _graph.AddTemplate("login_code", "en_US", "AUTHENTICATION", "PAUSED", "Your code is {{1}}.");
        Clock.Advance(TimeSpan.FromHours(1));

        var result = await Templates.SyncAsync(As(owner), inboxId);

        result.ShouldBe(new TemplateSyncResult(Added: 2, Updated: 1, Removed: 2));
        var stored = await StoredAsync(inboxId);
        stored.Select(t => (t.Name, t.Language, t.Category, t.Status)).ShouldBe([
            ("login_code", "en_US", TemplateCategory.Authentication, "PAUSED"),
            ("order_ready", "de", TemplateCategory.Utility, "APPROVED"),
            ("spring_sale", "de", TemplateCategory.Marketing, "REJECTED"),
        ]);
        var orderReady = stored.Single(t => t.Name == "order_ready");
        orderReady.Body.ShouldBe("Hallo {{1}}, Ihre Bestellung {{2}} ist abholbereit.");
        orderReady.Buttons.ShouldBe("Passt\nSpäter");
        orderReady.ExternalId.ShouldNotBeNullOrEmpty();
        orderReady.SyncedAt.ShouldBe(Clock.GetUtcNow());
        _graph.Requests.ShouldAllBe(r => r.Path == $"/{_graph.Version}/102290129340398/message_templates" && r.Authorization == "Bearer " + _graph.AccessToken);
    }

    [Fact]
    public async Task Sync_FollowsTheCursor_ThroughEveryPage()
    {
        var owner = await SetupOwnerAsync();
        var inboxId = await ConnectAsync(owner);
        for (var i = 0; i < 130; i++)
        {
            _graph.AddTemplate($"template_{i:D3}", "de", "UTILITY", "APPROVED", $"Text {i}");
        }

        var result = await Templates.SyncAsync(As(owner), inboxId);

        result.ShouldBe(new TemplateSyncResult(130, 0, 0));
        (await StoredAsync(inboxId)).Count.ShouldBe(130);
        _graph.Requests.Count.ShouldBe(2);
        _graph.Requests[1].Query.ShouldContain("after=");

        (await Templates.SyncAsync(As(owner), inboxId)).ShouldBe(new TemplateSyncResult(0, 130, 0));
    }

    [Fact]
    public async Task Sync_ByAManager_Works_ByAnAgent_IsRefused_ButTheAgentSeesTheTemplates()
    {
        var owner = await SetupOwnerAsync();
        var manager = await AddMemberAsync(owner, TeamRole.Manager, "mia@example.com");
        var agent = await AddMemberAsync(owner, TeamRole.Agent, "anna@example.com");
        var inboxId = await ConnectAsync(owner);
        _graph.AddTemplate("order_ready", "de", "UTILITY", "APPROVED", "Hallo {{1}}, Bestellung {{2}} ist da.", "Passt");

        await ShouldFailWithAsync("team.not_allowed", () => Templates.SyncAsync(As(agent), inboxId));
        (await StoredAsync(inboxId)).ShouldBeEmpty();
        _graph.Requests.ShouldBeEmpty();

        (await Templates.SyncAsync(As(manager), inboxId)).Added.ShouldBe(1);
        var row = (await Templates.ListAsync(As(agent))).ShouldHaveSingleItem();
        (row.InboxId, row.InboxName, row.Name, row.Language, row.Category, row.Status, row.ParameterCount).ShouldBe(
            (inboxId, "WhatsApp 106540352242922", "order_ready", "de", TemplateCategory.Utility, "APPROVED", 2));
        row.Buttons.ShouldBe(["Passt"]);
        (await Templates.InboxesAsync(As(agent))).ShouldBe([new TemplateInbox(inboxId, "WhatsApp 106540352242922")]);
    }

    [Fact]
    public async Task List_FiltersByInbox()
    {
        var owner = await SetupOwnerAsync();
        var first = await ConnectAsync(owner, "111");
        var second = await ConnectAsync(owner, "222");
        await AddStoredAsync(first, "first_one", "de", "APPROVED", "Eins");
        await AddStoredAsync(second, "second_one", "de", "APPROVED", "Zwei");

        (await Templates.ListAsync(As(owner), second)).Select(t => t.Name).ShouldBe(["second_one"]);
        (await Templates.ListAsync(As(owner))).Select(t => t.Name).ShouldBe(["first_one", "second_one"]);
    }

    [Fact]
    public async Task Sync_OfAnInboxWithoutWhatsApp_FailsClearly()
    {
        var owner = await SetupOwnerAsync();
        int webChatInbox;
        await using (var db = Database.CreateDbContext())
        {
            webChatInbox = await db.Inboxes.Where(i => i.Channel == ChannelType.WebChat).Select(i => i.Id).FirstAsync();
        }

        await ShouldFailWithAsync("template.no_connection", () => Templates.SyncAsync(As(owner), webChatInbox));
    }

    [Fact]
    public async Task Sync_WhenMetaAnswersAnError_FailsWithMetasReason_AndKeepsTheTemplates()
    {
        var owner = await SetupOwnerAsync();
        var inboxId = await ConnectAsync(owner);
        await AddStoredAsync(inboxId, "order_ready", "de", "APPROVED", "Hallo {{1}}");
        _graph.FailNext(GraphFailure.ExpiredToken, pathContains: "/message_templates");

        var error = await ShouldFailWithAsync("template.sync_failed", () => Templates.SyncAsync(As(owner), inboxId));

        error.Data[DomainErrors.DetailsKey].ShouldBeOfType<string>().ShouldStartWith("190: Error validating access token");
        (await StoredAsync(inboxId)).ShouldHaveSingleItem().Name.ShouldBe("order_ready");
    }
}

public sealed class SqliteTemplateServiceTests() : TemplateServiceTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresTemplateServiceTests(PostgresServer postgres) : TemplateServiceTests(DatabaseProvider.Postgres, postgres);

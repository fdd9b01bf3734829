using BizInbox.Domain.Conversations;
using BizInbox.Tests.Channels;
using BizInbox.Tests.Support.Database;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Scheduling;
using static BizInbox.Tests.Support.WhatsAppPayloads;

namespace BizInbox.Tests.Features.Scheduling;

/// <summary>
/// Greeting and away messages through the real inbound paths (web chat, WhatsApp ingest) and the real outbox.
/// The test clock starts on Saturday 14 March 2026 at 10:26 in Berlin: closed for an office open Monday to Friday.
/// </summary>
public abstract class AutomaticMessageServiceTests(DatabaseProvider provider, PostgresServer? postgres) : WhatsAppInboxTests(provider, postgres)
{
    private const string Greeting = "Hello! We will be right with you.";

    private AutomaticMessageService Automatic => Database.Get<AutomaticMessageService>();

    private Task OfficeHoursAsync() => Database.Get<BusinessHoursService>().SaveAsync(As(Owner), new BusinessHoursSettings(
        true, "Europe/Berlin", null, [.. BusinessHoursService.Proposal], []));

    private Task AutomaticAsync(bool greeting = true, int? againAfterHours = null, bool away = true) =>
        Automatic.SaveAsync(As(Owner), new AutomaticMessageSettings(greeting, Greeting, againAfterHours, away, "We are closed. We open {{next_opening}}."));

    private async Task<List<Message>> AutomaticOfAsync(long conversationId) =>
        [.. (await TimelineAsync(conversationId)).Where(m => m.Automatic != AutomaticMessageKind.None)];

    [Fact]
    public async Task WebChat_ABurstOutsideBusinessHours_GetsExactlyOneAwayMessage_WhichIsNoAgentReply()
    {
        await OfficeHoursAsync();
        await AutomaticAsync();
        var visitor = await VisitorAsync();
        var (conversationId, _) = await CustomerWritesAsync(visitor, "Hello?");

        await AtOnceAsync(() => CustomerWritesAsync(visitor, "Anyone there?"), () => CustomerWritesAsync(visitor, "I need a cake for Monday."));
        await CustomerWritesAsync(visitor, "Please call me back.");

        var away = (await AutomaticOfAsync(conversationId)).ShouldHaveSingleItem();
        (away.Kind, away.Automatic, away.SenderUserId, away.Delivery).ShouldBe((MessageKind.Outgoing, AutomaticMessageKind.Away, (string?)null, DeliveryStatus.Sent));
        away.Text.ShouldBe("We are closed. We open Monday 09:00.");
        var conversation = await ConversationAsync(conversationId);
        (conversation.FirstReplyAt, conversation.LastAgentReplyAt).ShouldBe((null, null));
        conversation.WaitingSince.ShouldNotBeNull("the customer still waits for a person");
        (await Chat.MessagesAsync(visitor, null)).Where(m => m.Direction == "out").ShouldHaveSingleItem().Text.ShouldBe(away.Text);
    }

    [Fact]
    public async Task WebChat_InsideBusinessHours_GetsNoAwayMessage()
    {
        await AutomaticAsync(greeting: false);
        var visitor = await VisitorAsync();

        var (conversationId, _) = await CustomerWritesAsync(visitor, "Hello?");

        (await AutomaticOfAsync(conversationId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Greeting_GoesOnceOnTheFirstMessage_AndAgainOnlyAfterTheSilence()
    {
        await AutomaticAsync(againAfterHours: 24, away: false);
        var visitor = await VisitorAsync();
        var (conversationId, _) = await CustomerWritesAsync(visitor, "Hello?");
        await CustomerWritesAsync(visitor, "Is the shop open?");
        (await AutomaticOfAsync(conversationId)).Select(m => m.Text).ShouldBe([Greeting]);

        Clock.Advance(TimeSpan.FromHours(23));
        await CustomerWritesAsync(visitor, "Still there?");
        (await AutomaticOfAsync(conversationId)).Count.ShouldBe(1);

        Clock.Advance(TimeSpan.FromHours(25));
        await AtOnceAsync(() => CustomerWritesAsync(visitor, "Me again."), () => CustomerWritesAsync(visitor, "About the cake."));
        (await AutomaticOfAsync(conversationId)).Select(m => m.Automatic).ShouldBe([AutomaticMessageKind.Greeting, AutomaticMessageKind.Greeting]);
    }

    [Fact]
    public async Task AnAgentsReplyAfterAnAutomaticMessage_IsNotHeldBack_AndIsTheFirstResponse()
    {
        await AutomaticAsync(away: false);
        var visitor = await VisitorAsync();
        var (conversationId, messageId) = await CustomerWritesAsync(visitor, "Hello?");

        var outcome = await Conversations.ReplyAsync(As(Owner), conversationId, "Hi, how can I help?", NewKey(), messageId, sendAnyway: false);

        outcome.Sent.ShouldBeTrue("the greeting is no teammate's reply to look at first");
        (await ConversationAsync(conversationId)).FirstReplyAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task WhatsApp_TwoDeliveriesAtOnceOutsideBusinessHours_QueueOneAwayMessage_ThatLeavesThroughTheOutbox()
    {
        await OfficeHoursAsync();
        await AutomaticAsync();
        var ingest = Database.Get<WhatsAppIngest>();
        WhatsAppChange Change(params string[] texts) =>
            Parse(Inbound(Customer, "Sheena Nelson", [.. texts.Select(t => Text("wamid.IN-" + Guid.NewGuid().ToString("N"), Customer, t, Clock.GetUtcNow()))]));

        await AtOnceAsync(() => ingest.IngestAsync(InboxId, Change("Hallo?", "Ist offen?")), () => ingest.IngestAsync(InboxId, Change("Bitte melden!")));
        var (conversationId, _) = await CustomerTextsAsync("Noch jemand da?");

        var away = (await AutomaticOfAsync(conversationId)).ShouldHaveSingleItem();
        away.Delivery.ShouldBe(DeliveryStatus.Queued);
        await Worker.RunDueAsync();
        Graph.Sends.ShouldHaveSingleItem().Json.GetProperty("text").GetProperty("body").GetString().ShouldBe("We are closed. We open Monday 09:00.");
        (await MessageAsync(away.Id)).Delivery.ShouldBe(DeliveryStatus.Sent);
    }

    [Fact]
    public async Task WhatsApp_AnAutomaticMessageStillWaitingWhenTheWindowCloses_IsNotSent()
    {
        await OfficeHoursAsync();
        await AutomaticAsync();
        var (conversationId, _) = await CustomerTextsAsync("Hallo?");
        var away = (await AutomaticOfAsync(conversationId)).ShouldHaveSingleItem();

        Clock.Advance(TimeSpan.FromHours(25));
        await Worker.RunDueAsync();

        Graph.Sends.ShouldBeEmpty();
        var failed = await MessageAsync(away.Id);
        failed.Delivery.ShouldBe(DeliveryStatus.Failed);
        failed.DeliveryError.ShouldNotBeNull().ShouldContain("24-hour");
    }

    [Fact]
    public async Task Settings_AreForOwnersAndManagersOnly()
    {
        var agent = await AddMemberAsync(Owner, BizInbox.Domain.Team.TeamRole.Agent, "anna@example.com");
        var manager = await AddMemberAsync(Owner, BizInbox.Domain.Team.TeamRole.Manager, "max@example.com");

        await ShouldFailWithAsync("team.not_allowed", () => Automatic.GetAsync(As(agent)));
        await ShouldFailWithAsync("team.not_allowed", () => Automatic.SaveAsync(As(agent), new AutomaticMessageSettings(true, "Hi", null, false, "")));
        await Automatic.SaveAsync(As(manager), new AutomaticMessageSettings(true, " Hi ", 48, false, "Draft"));

        (await Automatic.GetAsync(As(Owner))).ShouldBe(new AutomaticMessageSettings(true, "Hi", 48, false, "Draft"));
    }
}

public sealed class SqliteAutomaticMessageServiceTests() : AutomaticMessageServiceTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresTests.Name)]
public sealed class PostgresAutomaticMessageServiceTests(PostgresServer postgres) : AutomaticMessageServiceTests(DatabaseProvider.Postgres, postgres);

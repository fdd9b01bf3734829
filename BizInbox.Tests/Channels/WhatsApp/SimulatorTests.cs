using BizInbox.Web.Identity;
using BizInbox.Tests.Support;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using BizInbox.Domain;
using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using BizInbox.Tests.Http;
using BizInbox.Web.Channels;
using BizInbox.Web.Channels.WhatsApp;
using BizInbox.Web.Features.Simulator;
using BizInbox.Web.Data;
using BizInbox.Web.Features.Inbox;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BizInbox.Tests.Channels.WhatsApp;

/// <summary>
/// The WhatsApp simulator against the real app on a real loopback port: its fake Graph API takes the app's own sends,
/// and its webhooks travel over HTTP into the app's webhook endpoint, so the whole pipeline runs.
/// </summary>
public sealed class SimulatorTests(SimulatorTests.RunningApp running) : IClassFixture<SimulatorTests.RunningApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public sealed class RunningApp : IAsyncLifetime
    {
        public AppFactory App { get; } = new() { Settings = { ["WhatsApp:Simulator:Enabled"] = "true" } };

        public Uri BaseUri { get; private set; } = null!;

        public CurrentMember Owner { get; private set; } = null!;

        public CurrentMember Manager { get; private set; } = null!;

        public int InboxId { get; private set; }

        public async Task InitializeAsync()
        {
            App.UseKestrel(0);
            App.StartServer();
            var address = App.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            BaseUri = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
            var owner = await App.CompleteSetupAsync();
            var manager = await App.AddMemberAsync(owner, TeamRole.Manager, "manager@example.com");
            Owner = App.Services.MemberFor(owner.Id);
            Manager = App.Services.MemberFor(manager.Id);
            InboxId = await App.Services.GetRequiredService<SimulatorService>().SetUpAsync(Owner, BaseUri, "WhatsApp simulator");
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }

    }

    private SimulatorService Simulator => running.App.Services.GetRequiredService<SimulatorService>();

    private SimulatorStore Store => running.App.Services.GetRequiredService<SimulatorStore>();

    private HttpClient Client() => new() { BaseAddress = running.BaseUri };

    private async Task<string> AccessTokenAsync() =>
        (await running.App.Services.GetRequiredService<WhatsAppConnections>().SecretsForAsync(running.InboxId))!.AccessToken;

    private BizInboxDbContext Db() => running.App.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContext();

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {Patience.TotalSeconds} s for {what}.");
            }

            await Task.Delay(50);
        }
    }

    private async Task<Message> MessageAsync(Func<Message, bool> match, string what) =>
        await EventuallyAsync<Message>(async () =>
        {
            await using var db = Db();
            var messages = await (from m in db.Messages.AsNoTracking()
                                  join c in db.Conversations on m.ConversationId equals c.Id
                                  where c.InboxId == running.InboxId
                                  select m).ToListAsync();
            return messages.FirstOrDefault(match);
        }, what);

    [Fact]
    public async Task SetUp_ConnectsTheSimulatorOnce_AndSyncsItsDemoTemplatesThroughTheFake()
    {
        var again = await Simulator.SetUpAsync(running.Owner, running.BaseUri, "WhatsApp simulator");

        again.ShouldBe(running.InboxId);
        await using var db = Db();
        (await db.WhatsAppConnections.CountAsync(w => w.PhoneNumberId == SimulatorOptions.PhoneNumberId)).ShouldBe(1);
        var templates = await db.MessageTemplates.Where(t => t.InboxId == running.InboxId).Select(t => t.Name).ToListAsync();
        templates.ShouldContain("order_ready");
        templates.Count.ShouldBe(5);
    }

    [Fact]
    public async Task Fake_RefusesAMissingOrWrongToken_AndAnotherNumber()
    {
        using var client = Client();
        var path = $"simulator/graph/v21.0/{SimulatorOptions.PhoneNumberId}/messages";
        var body = new { messaging_product = "whatsapp", to = "4917000000001", type = "text", text = new { body = "Hi" } };

        var anonymous = await client.PostAsJsonAsync(path, body);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token");
        var wrong = await client.PostAsJsonAsync(path, body);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await AccessTokenAsync());
        var otherNumber = await client.PostAsJsonAsync("simulator/graph/v21.0/106540352242922/messages", body);

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ErrorCodeAsync(wrong)).ShouldBe(190);
        otherNumber.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Store.Conversation(SimulatorOptions.PhoneNumberId, "4917000000001").ShouldBeEmpty();
    }

    [Fact]
    public async Task Fake_RecordsASend_AnswersLikeMeta_AndPostsSignedStatusesThatReachTheMessage()
    {
        var customer = new SimulatedCustomer("4917612340001", "Kim Meyer");
        await Simulator.SendTextAsync(running.Owner, customer, "Ist mein Rad fertig?");
        var question = await MessageAsync(m => m.Text == "Ist mein Rad fertig?", "the customer's message in the inbox");
        question.Kind.ShouldBe(MessageKind.Incoming);
        Store.Conversation(SimulatorOptions.PhoneNumberId, customer.WaId).ShouldHaveSingleItem().Status.ShouldBe(SimulatedStatus.Delivered);

        var conversations = running.App.Services.GetRequiredService<ConversationService>();
        await conversations.ReplyAsync(running.Owner, question.ConversationId, new TextDraft("Ja, ab 17 Uhr."), "reply-1", question.Id, sendAnyway: false);

        var delivered = await MessageAsync(m => m.Text == "Ja, ab 17 Uhr." && m.Delivery == DeliveryStatus.Delivered, "the reply delivered");
        delivered.ExternalId.ShouldStartWith("wamid.");
        var seen = Store.Conversation(SimulatorOptions.PhoneNumberId, customer.WaId)[^1];
        (seen.Sender, seen.Type, seen.Text, seen.Wamid, seen.Status).ShouldBe(
            (SimulatedSender.Business, "text", "Ja, ab 17 Uhr.", delivered.ExternalId!, SimulatedStatus.Delivered));

        await Simulator.ReadRepliesAsync(running.Owner, customer);
        await MessageAsync(m => m.Id == delivered.Id && m.Delivery == DeliveryStatus.Read, "the reply read");
    }

    [Fact]
    public async Task Customer_TapsAReplyButton_AndSendsAPicture_WhichTheAppFetchesFromTheFake()
    {
        var customer = new SimulatedCustomer("4917612340002", "Jo Beispiel");
        await Simulator.SendTextAsync(running.Owner, customer, "Wann habt ihr offen?");
        var question = await MessageAsync(m => m.Text == "Wann habt ihr offen?", "the customer's message");
        var conversations = running.App.Services.GetRequiredService<ConversationService>();
        await conversations.ReplyAsync(running.Owner, question.ConversationId, new ButtonsDraft("Heute oder morgen?", ["Heute", "Morgen"]), "buttons-1", question.Id, false);
        var buttons = await EventuallyAsync(() => Task.FromResult(
            Store.Conversation(SimulatorOptions.PhoneNumberId, customer.WaId).LastOrDefault(m => m.Options.Count == 2)), "the buttons on the customer's phone");
        buttons.InteractiveKind.ShouldBe("button");

        await Simulator.ChooseAsync(running.Owner, customer, buttons.Wamid, buttons.Options[1].Id);
        await Simulator.SendPictureAsync(running.Owner, customer, SimulatorService.SamplePicture, "image/png", "So sieht es aus");

        var choice = await MessageAsync(m => m.ConversationId == question.ConversationId && m.Text == "Morgen" && m.Kind == MessageKind.Incoming, "the chosen button");
        choice.ShouldNotBeNull();
        var picture = await MessageAsync(m => m.ConversationId == question.ConversationId && m.ContentType == MessageContentType.Image && m.MediaFileId != null,
            "the picture fetched from the fake");
        picture.Kind.ShouldBe(MessageKind.Incoming);
    }

    [Fact]
    public async Task OnlyTheOwner_PlaysTheCustomer()
    {
        await Should.ThrowAsync<DomainException>(() =>
            Simulator.SendTextAsync(running.Manager, new SimulatedCustomer("4917612340003", "Max"), "Hallo"));
        await Should.ThrowAsync<DomainException>(() => Simulator.SetUpAsync(running.Manager, running.BaseUri, "Sim"));
    }

    [Fact]
    public async Task SimulatorMedia_ForThePage_NeedsSignIn()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = running.BaseUri };

        var response = await client.GetAsync("simulator/media/1");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Pages_ShowTheCustomersConversation_AndTheSyncedTemplates()
    {
        await Simulator.SendTextAsync(running.Owner, new SimulatedCustomer("4917612345678", "Kim Meyer"), "Guten Morgen!");
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = running.BaseUri };
        (await Forms.SignInAsync(client, AppFactory.OwnerEmail, AppFactory.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var simulator = new HtmlParser().ParseDocument(await client.GetStringAsync("simulator"));
        var templates = new HtmlParser().ParseDocument(await client.GetStringAsync("settings/templates"));

        simulator.QuerySelector(".bi-sim-phone h2")!.TextContent.ShouldBe(SimulatorOptions.DisplayPhoneNumber);
        simulator.QuerySelectorAll(".bi-sim-bubble--mine .bi-sim-text").Select(e => e.TextContent).ShouldContain("Guten Morgen!");
        templates.QuerySelectorAll("strong").Select(e => e.TextContent).ShouldContain("order_ready");
        templates.QuerySelectorAll("mark.bi-template-parameter").Select(e => e.TextContent).ShouldContain("{{1}}");
    }

    private static async Task<int> ErrorCodeAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").GetProperty("code").GetInt32();
    }
}

/// <summary>With the simulator off (the default), nothing of it answers.</summary>
public sealed class SimulatorOffTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("GET", "/simulator/graph/v21.0/555000000000009/message_templates")]
    [InlineData("POST", "/simulator/graph/v21.0/555000000000001/messages")]
    [InlineData("GET", "/simulator/graph/media/1")]
    public async Task Fake_IsNotFound(string method, string path)
    {
        var client = _app.CreateBrowserLikeClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "anything");

        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

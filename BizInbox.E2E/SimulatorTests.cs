using System.Text.RegularExpressions;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>The WhatsApp flow on one machine: the owner plays a customer on the simulator page while an agent answers in the inbox.</summary>
[Collection(BrowserGroup.Name)]
public sealed class SimulatorTests(BrowserFixture browser) : BrowserTest(browser), IDisposable
{
    private const string Question = "Habt ihr heute offen?";

    private readonly AppServer _app = new(settings: new Dictionary<string, string> { ["WhatsApp:Simulator:Enabled"] = "true" });

    public void Dispose() => _app.Dispose();

    [Fact]
    public Task ACustomerPlayedOnTheSimulator_GetsTheAgentsButtons_AndTheirChoiceReachesTheInbox() => ScenarioAsync(async () =>
    {
        var (phone, agent, inbox) = await CustomerAsksAndAgentAnswersWithButtonsAsync(_app.BaseUrl, "Ja, bis 18 Uhr. Möchten Sie vorbeikommen?");
        await agent.GetByLabel("Button 1", new() { Exact = true }).FillAsync("Ja, gern");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Add a button" }).ClickAsync();
        await agent.GetByLabel("Button 2", new() { Exact = true }).FillAsync("Lieber morgen");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

        // The reply reaches the customer's phone through the outbox and the fake Graph API, with its buttons.
        var reply = CustomerThread(phone).Locator(".bi-sim-bubble--theirs").Filter(new() { HasText = "Möchten Sie vorbeikommen?" });
        await Expect(reply.Locator(".bi-sim-choice")).ToHaveTextAsync(["Ja, gern", "Lieber morgen"]);
        // The fake's "delivered" status travels back as a webhook: the agent sees two ticks.
        await Expect(inbox.Message("Möchten Sie vorbeikommen?").Locator(".bi-delivery--delivered")).ToBeVisibleAsync();

        await reply.GetByRole(AriaRole.Button, new() { Name = "Lieber morgen" }).ClickAsync();
        await Expect(inbox.Thread.Locator("[data-role=choice]")).ToContainTextAsync("Chose: Lieber morgen");
    });

    [Fact]
    public Task OverASlowLink_WhatIsTypedWhileASendIsOnItsWay_StaysInTheBox_AndButtonTitlesArriveAsTyped() => ScenarioAsync(async () =>
    {
        await using var slow = new LatencyProxy(new Uri(_app.BaseUrl), TimeSpan.FromMilliseconds(150));
        // The customer goes on typing at once, before the first send's answer is back from the server.
        var (phone, agent, _) = await CustomerAsksAndAgentAnswersWithButtonsAsync(
            slow.BaseUrl, "Heute bis 18 Uhr. Wann passt es?", box => box.PressSequentiallyAsync("Und morgen?", new() { Delay = 30 }));

        var box = phone.GetByLabel("Message from the customer");
        await Expect(box).ToHaveValueAsync("Und morgen?");
        await Expect(CustomerThread(phone).Locator(".bi-sim-bubble--mine")).ToHaveTextAsync([new Regex(Regex.Escape(Question))]);

        var title = agent.GetByLabel("Button 1", new() { Exact = true });
        await title.PressSequentiallyAsync("Gegen Mittag 😊", new() { Delay = 30 });
        await Expect(title).ToHaveValueAsync("Gegen Mittag 😊");
        await Expect(agent.Locator("[data-role=buttons-editor] .bi-counter")).ToHaveTextAsync("15 / 20");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

        var reply = CustomerThread(phone).Locator(".bi-sim-bubble--theirs").Filter(new() { HasText = "Wann passt es?" });
        await Expect(reply.Locator(".bi-sim-choice")).ToHaveTextAsync(["Gegen Mittag 😊"]);
    });

    private static ILocator CustomerThread(IPage phone) => phone.GetByRole(AriaRole.Log, new() { Name = "Conversation as the customer sees it" });

    /// <summary>The owner, as the customer, asks <see cref="Question"/>; an agent opens it and starts a reply with buttons.</summary>
    private async Task<(IPage Phone, IPage Agent, InboxPage Inbox)> CustomerAsksAndAgentAnswersWithButtonsAsync(
        string baseUrl, string replyText, Func<ILocator, Task>? afterSend = null)
    {
        var owner = await _app.CompleteSetupAsync("olga@example.com");
        await _app.AddMemberAsync(owner, Domain.Team.TeamRole.Agent, "ali@example.com", "Ali Agent");

        var phone = await OpenAsync(baseUrl, "customer");
        await new SignInPage(phone).SignInAsync("olga@example.com", AppServer.Password);
        await phone.GotoAsync("simulator");
        await new Shell(phone).WaitUntilInteractiveAsync();
        var box = phone.GetByLabel("Message from the customer");
        await box.FillAsync(Question);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        if (afterSend is not null)
        {
            await afterSend(box);
        }

        await Expect(CustomerThread(phone).Locator(".bi-sim-bubble--mine").First).ToContainTextAsync(Question);

        var agent = await OpenAsync(baseUrl, "agent");
        await new SignInPage(agent).SignInAsync("ali@example.com", AppServer.Password);
        var inbox = new InboxPage(agent);
        await inbox.GotoAsync();
        await inbox.Tab("All").ClickAsync();
        await inbox.Rows.Filter(new() { HasText = Question }).ClickAsync();
        await agent.GetByRole(AriaRole.Radio, new() { Name = "Buttons" }).ClickAsync();
        await inbox.Composer.FillAsync(replyText);
        return (phone, agent, inbox);
    }
}

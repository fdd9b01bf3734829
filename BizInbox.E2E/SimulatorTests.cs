using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>The WhatsApp flow on one machine: the owner plays a customer on the simulator page while an agent answers in the inbox.</summary>
[Collection(BrowserGroup.Name)]
public sealed class SimulatorTests(BrowserFixture browser) : BrowserTest(browser), IDisposable
{
    private readonly AppServer _app = new(settings: new Dictionary<string, string> { ["WhatsApp:Simulator:Enabled"] = "true" });

    public void Dispose() => _app.Dispose();

    [Fact]
    public Task ACustomerPlayedOnTheSimulator_GetsTheAgentsButtons_AndTheirChoiceReachesTheInbox() => ScenarioAsync(async () =>
    {
        var owner = await _app.CompleteSetupAsync("olga@example.com");
        await _app.AddMemberAsync(owner, Domain.Team.TeamRole.Agent, "ali@example.com", "Ali Agent");

        var phone = await OpenAsync(_app.BaseUrl, "customer");
        await new SignInPage(phone).SignInAsync("olga@example.com", AppServer.Password);
        await phone.GotoAsync("simulator");
        await new Shell(phone).WaitUntilInteractiveAsync();
        await phone.GetByLabel("Message from the customer").FillAsync("Habt ihr heute offen?");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        var customerThread = phone.GetByRole(AriaRole.Log, new() { Name = "Conversation as the customer sees it" });
        await Expect(customerThread.Locator(".bi-sim-bubble--mine")).ToContainTextAsync("Habt ihr heute offen?");

        var agent = await OpenAsync(_app.BaseUrl, "agent");
        await new SignInPage(agent).SignInAsync("ali@example.com", AppServer.Password);
        var inbox = new InboxPage(agent);
        await inbox.GotoAsync();
        await inbox.Tab("All").ClickAsync();
        await inbox.Rows.Filter(new() { HasText = "Habt ihr heute offen?" }).ClickAsync();
        await agent.GetByRole(AriaRole.Radio, new() { Name = "Buttons" }).ClickAsync();
        await inbox.Composer.FillAsync("Ja, bis 18 Uhr. Möchten Sie vorbeikommen?");
        await agent.GetByLabel("Button 1", new() { Exact = true }).FillAsync("Ja, gern");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Add a button" }).ClickAsync();
        await agent.GetByLabel("Button 2", new() { Exact = true }).FillAsync("Lieber morgen");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

        // The reply reaches the customer's phone through the outbox and the fake Graph API, with its buttons.
        var reply = customerThread.Locator(".bi-sim-bubble--theirs").Filter(new() { HasText = "Möchten Sie vorbeikommen?" });
        await Expect(reply.Locator(".bi-sim-choice")).ToHaveTextAsync(["Ja, gern", "Lieber morgen"]);
        // The fake's "delivered" status travels back as a webhook: the agent sees two ticks.
        await Expect(inbox.Message("Möchten Sie vorbeikommen?").Locator(".bi-delivery--delivered")).ToBeVisibleAsync();

        await reply.GetByRole(AriaRole.Button, new() { Name = "Lieber morgen" }).ClickAsync();
        await Expect(inbox.Thread.Locator("[data-role=choice]")).ToContainTextAsync("Chose: Lieber morgen");
    });
}

using BizInbox.Domain.Businesses;
using BizInbox.Domain.Scheduling;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using BizInbox.Web.Data;
using BizInbox.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>The owner switches the away message on; a customer who writes while the business is closed gets it once.</summary>
[Collection(BrowserGroup.Name)]
public sealed class AutomaticMessageTests(BrowserFixture browser, AutomaticMessageTests.SeededApp seeded) : BrowserTest(browser), IClassFixture<AutomaticMessageTests.SeededApp>
{
    public sealed class SeededApp : IAsyncLifetime
    {
        public AppServer App { get; } = new();

        public AppUser Owner { get; private set; } = default!;

        public async Task InitializeAsync()
        {
            Owner = await App.CompleteSetupAsync("olga@example.com");
            // Open one hour a week, three days from today: closed now, whenever the test runs.
            var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
            var day = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, berlin).AddDays(3).DayOfWeek;
            await using var db = await App.Services.GetRequiredService<IDbContextFactory<BizInboxDbContext>>().CreateDbContextAsync();
            db.BusinessHours.Add(BusinessHours.Create(Business.SingletonId, [new OpeningInterval(day, new(9, 0), new(10, 0))], null, []));
            await db.SaveChangesAsync();
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    private AppServer App => seeded.App;

    [Fact]
    public Task AMessageOutsideBusinessHours_GetsExactlyOneAwayMessage() => ScenarioAsync(async () =>
    {
        var owner = await OpenAsync(App.BaseUrl, "olga");
        await new SignInPage(owner).SignInAsync("olga@example.com", AppServer.Password);
        await new Shell(owner).WaitUntilInteractiveAsync();
        await owner.GotoAsync("settings/business-hours");
        await new Shell(owner).WaitUntilInteractiveAsync();
        var section = owner.GetByTestId("automatic-messages");
        await section.GetByLabel("Away message", new() { Exact = true }).CheckAsync();
        await section.GetByLabel("Away text").FillAsync("Thanks for writing! We are closed and open {{next_opening}}.");
        await section.GetByRole(AriaRole.Button, new() { Name = "Save automatic messages" }).ClickAsync();
        await Expect(owner.GetByText("Automatic messages saved.")).ToBeVisibleAsync();

        var customer = new CustomerChat(await OpenAsync(App.BaseUrl, "customer"));
        await customer.GotoAsync(await App.WebChatKeyAsync());
        await customer.StartAsync("Clara Kundin", "Hallo, habt ihr offen?");
        await customer.SendAsync("Ich brauche einen Termin.");

        await Expect(customer.Thread).ToContainTextAsync("Ich brauche einen Termin.");
        await Expect(customer.Thread.GetByText("Thanks for writing! We are closed and open")).ToHaveCountAsync(1);
        await Expect(customer.Thread).Not.ToContainTextAsync("{{next_opening}}");

        var inbox = new InboxPage(owner);
        await inbox.GotoAsync();
        await inbox.Tab("Unassigned").ClickAsync();
        var row = inbox.Rows.Filter(new() { HasText = "Clara Kundin" });
        await Expect(row).ToBeVisibleAsync();
        await inbox.OpenAsync(long.Parse(await row.GetAttributeAsync("data-conversation") ?? "0", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(inbox.Message("Ich brauche einen Termin.")).ToBeVisibleAsync();
        var away = inbox.Message("Thanks for writing! We are closed");
        await Expect(away).ToHaveCountAsync(1);
        await Expect(away).ToContainTextAsync("Automatic · Away message");
    });
}

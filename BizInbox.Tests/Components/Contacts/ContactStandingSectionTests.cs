using BizInbox.Domain.Contacts;
using BizInbox.Domain.Labels;
using BizInbox.Domain.Team;
using BizInbox.Tests.Components.Inbox;
using BizInbox.Web.Features.Contacts;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Identity;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using BizInbox.Web.Data;

namespace BizInbox.Tests.Components.Contacts;

public sealed class ContactStandingSectionTests : InboxComponentTest
{
    private long _conversationId;
    private Guid _contactId;

    private async Task<Label> AddLabelAsync(string name)
    {
        await using var db = Database.CreateDbContext();
        var label = Label.Create(name, "#c62828");
        db.Labels.Add(label);
        await db.SaveChangesAsync();
        return label;
    }

    private async Task<AppUser> CustomerAndAgentAsync()
    {
        var owner = await SignInAsync();
        var ben = await AddMemberAsync(owner, TeamRole.Agent, "ben@example.com", "Ben Agent");
        SignIn(ben, TeamRole.Agent);
        _conversationId = await CustomerWritesAsync("Clara Kundin", "Hallo");
        _contactId = (await HeaderAsync(_conversationId)).ContactId;
        return owner;
    }

    private IRenderedComponent<ContactPage> RenderPage()
    {
        var page = Render<ContactPage>(p => p.Add(c => c.Id, _contactId));
        page.WaitForElement("[data-testid=contact-standing]");
        return page;
    }

    private IRenderedComponent<ContactPanel> RenderPanel() =>
        Render<ContactPanel>(p => p
            .Add(c => c.Header, HeaderAsync(_conversationId).Result)
            .Add(c => c.Labels, Get<InboxQueries>().LabelsAsync().Result)
            .Add(c => c.OnAction, EventCallback.Factory.Create<Func<CurrentMember, Task>>(this, action => action(User))));

    private async Task<Contact> StoredAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.Contacts.AsNoTracking().Include(c => c.Labels).SingleAsync(c => c.Id == _contactId);
    }

    private static IReadOnlyList<string> Activity(IRenderedComponent<ContactPage> page) =>
        [.. page.FindAll("[data-testid=activity-entry] span").Select(s => s.TextContent.Trim())];

    [Fact]
    public async Task Blocking_ShowsTheStateWithUnblock_AndBothAreInTheActivityLog()
    {
        await CustomerAndAgentAsync();
        var page = RenderPage();
        page.Find("[data-testid=activity-empty]");

        page.Find("[data-testid=block-contact]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=contact-blocked]").TextContent.ShouldContain("Blocked: messages are kept"));
        (await StoredAsync()).IsBlocked.ShouldBeTrue();
        page.WaitForAssertion(() => Activity(page).ShouldBe(["Ben Agent blocked this contact"]));

        page.Find("[data-testid=unblock-contact]").Click();

        page.WaitForAssertion(() => page.FindAll("[data-testid=contact-blocked]").ShouldBeEmpty());
        (await StoredAsync()).IsBlocked.ShouldBeFalse();
        page.WaitForAssertion(() => Activity(page).ShouldBe(["Ben Agent unblocked this contact", "Ben Agent blocked this contact"]));
    }

    [Fact]
    public async Task ReportingSpam_SaysSo()
    {
        await CustomerAndAgentAsync();
        var page = RenderPage();

        page.Find("[data-testid=report-spam]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=contact-blocked]").TextContent.ShouldContain("Reported as spam"));
        var stored = await StoredAsync();
        (stored.IsBlocked, stored.IsSpam).ShouldBe((true, true));
    }

    [Fact]
    public async Task RecordingConsentWithoutSayingHow_IsExplainedNextToTheField_AndNothingIsRecorded()
    {
        await CustomerAndAgentAsync();
        var page = RenderPage();
        page.Find("[data-testid=contact-consent]").TextContent.ShouldContain("No consent to messages from the business recorded");

        page.Find("[data-testid=grant-consent]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=contact-consent]").TextContent.ShouldContain("Please choose how the contact agreed."));
        (await StoredAsync()).HasConsent.ShouldBeFalse();
    }

    [Fact]
    public async Task Consent_IsShownWithHowItWasGiven_AndItsWithdrawalIsRecorded()
    {
        await CustomerAndAgentAsync();
        await Get<ContactService>().GrantConsentAsync(User, _contactId, ConsentSource.Verbal, null);
        var page = RenderPage();
        page.Find("[data-testid=contact-consent]").TextContent.ShouldContain("(Verbally)");

        page.Find("[data-testid=withdraw-consent]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=contact-consent]").TextContent.ShouldContain("Withdrew consent on"));
        (await StoredAsync()).HasConsent.ShouldBeFalse();
        page.WaitForAssertion(() => Activity(page).ShouldBe(["Ben Agent recorded that consent was withdrawn", "Ben Agent recorded consent (Verbally)"]));
    }

    [Fact]
    public async Task Panel_AddingAContactLabel_StoresIt_AndRemovingItTakesItOff()
    {
        var vip = await AddLabelAsync("VIP");
        await CustomerAndAgentAsync();
        var panel = RenderPanel();
        var providers = RenderProviders();

        panel.WaitForElement("[data-testid=add-contact-label] button").Click();
        providers.WaitForElements(".mud-menu-item").Single(i => i.TextContent.Trim() == "VIP").Click();

        panel.WaitForAssertion(() => panel.Find($"[data-testid=contact-labels] [data-label='{vip.Id}']").TextContent.ShouldContain("VIP"));
        (await StoredAsync()).Labels.ShouldHaveSingleItem().LabelId.ShouldBe(vip.Id);
        (await HeaderAsync(_conversationId)).Labels.ShouldBeEmpty("a contact's label is not the conversation's");

        panel.Find($"[data-testid=contact-labels] [data-label='{vip.Id}'] button").Click();

        panel.WaitForAssertion(() => panel.FindAll("[data-testid=contact-labels] .mud-chip").ShouldBeEmpty());
        (await StoredAsync()).Labels.ShouldBeEmpty();
    }

    [Fact]
    public async Task Panel_ATeammatesLabelAndBlock_ShowAtOnce()
    {
        var vip = await AddLabelAsync("VIP");
        var owner = await CustomerAndAgentAsync();
        var panel = RenderPanel();
        panel.WaitForElement("[data-testid=contact-labels]");

        await Get<ContactService>().AddLabelAsync(As(owner), _contactId, vip.Id);
        await Get<ContactService>().BlockAsync(As(owner), _contactId);

        panel.WaitForAssertion(() => panel.Find($"[data-testid=contact-labels] [data-label='{vip.Id}']").TextContent.ShouldContain("VIP"));
        panel.WaitForAssertion(() => panel.Find("[data-testid=contact-blocked]"));
        panel.FindAll("[data-testid=grant-consent]").ShouldBeEmpty("the panel shows consent without its form");
    }

    [Fact]
    public async Task ContactsList_ShowsLabelsAndTheBlock_OnTheRow()
    {
        var vip = await AddLabelAsync("VIP");
        await CustomerAndAgentAsync();
        await Get<ContactService>().AddLabelAsync(User, _contactId, vip.Id);
        await Get<ContactService>().ReportSpamAsync(User, _contactId);

        var page = Render<ContactsPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=contact-row-labels]").TextContent.ShouldContain("VIP"));
        page.Find("[data-testid=contact-row-labels]").TextContent.ShouldContain("Reported as spam");
    }
}

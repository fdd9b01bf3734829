using BizInbox.Domain.Team;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Features.Team;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace BizInbox.Tests.Components.Inbox;

public sealed class ComposerPartsTests : ComponentTest
{
    private readonly List<bool> _modes = [];
    private readonly List<string> _mentioned = [];

    private IRenderedComponent<ComposerModeBar> RenderModeBar(bool note) => Render<ComposerModeBar>(p => p
        .Add(b => b.Note, note)
        .Add(b => b.NoteChanged, EventCallback.Factory.Create<bool>(this, n => _modes.Add(n)))
        .Add(b => b.OnMention, EventCallback.Factory.Create<string>(this, n => _mentioned.Add(n))));

    private static string[] Checked(IRenderedComponent<ComposerModeBar> bar) =>
        bar.FindAll("[role=radio][aria-checked=true]").Select(r => r.TextContent.Trim()).ToArray();

    [Fact]
    public async Task ModeBar_IsARadioGroup_ThatAsksForTheOtherMode()
    {
        await SignInAsync();
        var bar = RenderModeBar(note: false);
        bar.Find("[role=radiogroup]").GetAttribute("aria-label").ShouldBe("Message type");
        Checked(bar).ShouldBe(["Reply"]);

        bar.FindAll("[role=radio]").Single(r => r.TextContent.Contains("Private note")).Click();
        bar.Render(p => p.Add(b => b.Note, true));
        bar.FindAll("[role=radio]").Single(r => r.TextContent.Contains("Reply")).Click();

        _modes.ShouldBe([true, false]);
        Checked(bar).ShouldBe(["Private note"]);
    }

    [Fact]
    public async Task ModeBar_OffersMentionsOnlyInANote_AndOnlyActiveTeammates()
    {
        var owner = await SignInAsync();
        await AddMemberAsync(owner, TeamRole.Agent, "ben@example.com", "Ben Agent");
        var gone = await AddMemberAsync(owner, TeamRole.Agent, "gina@example.com", "Gina Gegangen");
        await Get<TeamService>().DeactivateAsync(User, gone.Id);
        var providers = RenderProviders();

        RenderModeBar(note: false).FindAll(".bi-mention-picker").ShouldBeEmpty();
        var bar = RenderModeBar(note: true);
        bar.Find(".bi-mention-picker button").Click();

        var names = providers.WaitForElements(".mud-menu-item").Select(i => i.TextContent.Trim()).ToList();
        names.ShouldBe(["Ben Agent", "Olga Owner"], ignoreOrder: true);
        providers.FindAll(".mud-menu-item").Single(i => i.TextContent.Trim() == "Ben Agent").Click();
        bar.WaitForAssertion(() => _mentioned.ShouldBe(["Ben Agent"]));
    }

    [Fact]
    public void KeyboardShortcuts_AreSwitchedOnOnce_AndTheButtonListsThem()
    {
        var attach = JSInterop.SetupVoid("bizInbox.shortcuts.attach");
        var hosts = Hosts.Render(this);
        var shortcuts = Render<KeyboardShortcuts>();
        shortcuts.Render();

        attach.Invocations.Count.ShouldBe(1);
        shortcuts.Find("button[aria-label='Keyboard shortcuts']").Click();

        hosts.Dialogs.WaitForAssertion(() => hosts.Dialogs.FindAll(".bi-shortcut-table tr").Count.ShouldBe(7));
        var rows = hosts.Dialogs.FindAll(".bi-shortcut-table tr").Select(r => (r.QuerySelector("kbd")!.TextContent, r.Children[1].TextContent)).ToList();
        rows.ShouldContain(("J", "Next conversation"));
        rows.ShouldContain(("E", "Resolve"));
        rows.ShouldContain(("?", "Show these shortcuts"));
        hosts.Dialogs.Find(".mud-dialog-title").TextContent.ShouldContain("Keyboard shortcuts");
    }
}

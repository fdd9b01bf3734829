using BizInbox.Domain.Conversations;
using BizInbox.Web.Features.Inbox;
using Bunit;
using Microsoft.AspNetCore.Components;
using BizInbox.Web.Features.Labels;

namespace BizInbox.Tests.Components.Inbox;

/// <summary>A row of the conversation list (markup inside <see cref="ConversationList"/>, not a component of its own).</summary>
public sealed class ConversationRowTests : InboxComponentTest
{
    private static readonly LabelChip Vip = new(3, "VIP", "#c62828");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SignInAsync();
    }

    private static ConversationListItem Item(
        bool fromCustomer = true, ConversationPriority priority = ConversationPriority.None, string? assignee = null, int unread = 0, params LabelChip[] labels) =>
        new(42, "Clara Kundin", fromCustomer ? "Ist mein Kuchen fertig?" : "Ja, ab 15 Uhr.", fromCustomer, DateTimeOffset.UtcNow, null,
            ConversationStatus.Open, priority, assignee, "Website chat", labels, unread);

    private IRenderedComponent<ConversationList> RenderRow(ConversationListItem item, bool selected = false) =>
        Render<ConversationList>(p => p
            .Add(l => l.Filter, new ConversationFilter(InboxTab.All))
            .Add(l => l.Page, new ConversationPage([item], false))
            .Add(l => l.Counts, new InboxCounts(0, 1, 1, 0, 0, 0))
            .Add(l => l.SelectedId, selected ? item.Id : null));

    [Fact]
    public void IsALinkToTheConversation_WithItsNumberInboxAndAssignee()
    {
        var row = RenderRow(Item(assignee: "Ben Agent"));

        var link = row.Find("a.bi-row");
        link.GetAttribute("href").ShouldBe("inbox/42");
        link.GetAttribute("role").ShouldBe("listitem");
        row.Find(".bi-row-meta").TextContent.ShouldContain("#42 · Website chat");
        row.Find(".bi-row-assignee").TextContent.ShouldBe("Ben Agent");
        RenderRow(Item()).Find(".bi-row-assignee").TextContent.ShouldBe("Unassigned");
    }

    [Fact]
    public void WhenTheTeamWroteLast_SaysYouReplied()
    {
        RenderRow(Item(fromCustomer: false)).Find(".bi-row-you title").TextContent.ShouldBe("You replied");
        RenderRow(Item(fromCustomer: true)).FindAll(".bi-row-you").ShouldBeEmpty();
    }

    [Theory]
    [InlineData(ConversationPriority.None, null)]
    [InlineData(ConversationPriority.Low, null)]
    [InlineData(ConversationPriority.Medium, null)]
    [InlineData(ConversationPriority.High, "High")]
    [InlineData(ConversationPriority.Urgent, "Urgent")]
    public void OnlyHighAndUrgent_AreFlagged(ConversationPriority priority, string? title)
    {
        var row = RenderRow(Item(priority: priority));

        row.Find("a.bi-row").QuerySelector("[data-role=priority] title")?.TextContent.ShouldBe(title);
        if (title is null)
        {
            row.FindAll("[data-role=priority]").ShouldBeEmpty();
        }
    }

    [Fact]
    public void Unread_IsCountedAndNamed_AndSelectedIsMarkedForScreenReaders()
    {
        var row = RenderRow(Item(unread: 2), selected: true);

        var link = row.Find("a.bi-row");
        link.ClassList.ShouldContain("bi-row--unread");
        link.ClassList.ShouldContain("bi-row--selected");
        link.GetAttribute("aria-current").ShouldBe("true");
        row.Find("[data-role=unread]").GetAttribute("aria-label").ShouldBe("2 unread");

        var read = RenderRow(Item()).Find("a.bi-row");
        read.HasAttribute("aria-current").ShouldBeFalse();
        read.ClassList.ShouldNotContain("bi-row--unread");
    }

    [Fact]
    public void Labels_ShowAsChipsInTheirColour_WithoutARemoveButton()
    {
        var row = RenderRow(Item(labels: Vip));

        var chip = row.Find($".bi-chips [data-label='{Vip.Id}']");
        chip.TextContent.Trim().ShouldBe("VIP");
        chip.GetAttribute("style")!.ShouldContain("--chip: #c62828");
        chip.QuerySelectorAll("button").ShouldBeEmpty();
        RenderRow(Item()).FindAll(".bi-chips").ShouldBeEmpty();
    }

    [Fact]
    public void AChipsMarkup_IsEncoded_SoALabelNameOrColourIsShownAsText()
    {
        var label = new LabelChip(7, "<b>Ü&Co</b>", "red\" onmouseover=\"alert(1)");

        var chip = RenderRow(Item(labels: label)).Find("[data-label='7']");

        chip.TextContent.ShouldBe("<b>Ü&Co</b>");
        chip.QuerySelectorAll("b").ShouldBeEmpty();
        chip.HasAttribute("onmouseover").ShouldBeFalse();
        chip.GetAttribute("style").ShouldBe("--chip: red\" onmouseover=\"alert(1)");
    }

    [Fact]
    public void AnUnreadBadge_SaysItsCount_InEachLanguage()
    {
        RenderRow(Item(unread: 1000)).Find("[data-role=unread]").TextContent.ShouldBe("1000");

        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("de");
        RenderRow(Item(unread: 3)).Find("[data-role=unread]").GetAttribute("aria-label").ShouldBe("3 ungelesen");
    }

    [Fact]
    public void LabelTag_WithARemoveHandler_OffersToRemoveTheLabel()
    {
        LabelChip? removed = null;
        var tag = Render<LabelTag>(p => p.Add(t => t.Label, Vip).Add(t => t.OnRemove, EventCallback.Factory.Create<LabelChip>(this, l => removed = l)));

        tag.Find("button").Click();

        removed.ShouldBe(Vip);
    }
}

using BizInbox.Domain.Conversations;
using BizInbox.Domain.Labels;
using BizInbox.Web.Features.Inbox;
using BizInbox.Web.Identity;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace BizInbox.Tests.Components.Inbox;

public sealed class ConversationListTests : InboxComponentTest
{
    private ConversationFilter? _changed;
    private int _loadMore;

    private IRenderedComponent<ConversationList> RenderList(ConversationPage page, ConversationFilter? filter = null, InboxCounts? counts = null, long? selected = null) =>
        Render<ConversationList>(p => p
            .Add(c => c.Filter, filter ?? new ConversationFilter())
            .Add(c => c.FilterChanged, EventCallback.Factory.Create<ConversationFilter>(this, f => _changed = f))
            .Add(c => c.Page, page)
            .Add(c => c.Counts, counts ?? new InboxCounts(0, 0, 0, 0, 0, 0))
            .Add(c => c.SelectedId, selected)
            .Add(c => c.OnLoadMore, EventCallback.Factory.Create(this, () => _loadMore++)));

    private async Task<(ConversationPage Page, InboxCounts Counts)> LoadAsync(ConversationFilter filter, int limit = InboxQueries.PageSize)
    {
        var queries = Get<InboxQueries>();
        return (await queries.ListAsync(User.UserId!, filter, limit), await queries.CountsAsync(User.UserId!, filter));
    }

    [Fact]
    public async Task Tabs_ShowEachListsCount_AndAnUnreadBadgeOnlyWhereSomethingIsUnread()
    {
        await SignInAsync();
        var mine = await CustomerWritesAsync("Mia Meins", "Hallo");
        await CustomerWritesAsync("Uwe Offen", "Hallo");
        await CustomerWritesAsync("Ute Offen", "Hallo");
        await Get<ConversationService>().AssignAsync(User, mine, User.UserId);
        await MarkReadAsync(mine);
        var (page, counts) = await LoadAsync(new ConversationFilter(InboxTab.All));

        var list = RenderList(page, new ConversationFilter(InboxTab.All), counts);

        list.Find("[data-testid=count-Mine]").TextContent.ShouldBe("1");
        list.Find("[data-testid=count-Unassigned]").TextContent.ShouldBe("2");
        list.Find("[data-testid=count-All]").TextContent.ShouldBe("3");
        list.FindAll("[data-testid=unread-Mine]").ShouldBeEmpty();
        list.Find("[data-testid=unread-Unassigned]").TextContent.ShouldBe("2");
        list.FindAll("[role=tab]").Select(t => t.TextContent).ShouldContain(t => t.StartsWith("Unassigned"));
    }

    [Theory]
    [InlineData(InboxTab.Mine, "ArrowRight", InboxTab.Unassigned)]
    [InlineData(InboxTab.All, "ArrowRight", InboxTab.Mine)]
    [InlineData(InboxTab.Mine, "ArrowLeft", InboxTab.All)]
    [InlineData(InboxTab.Unassigned, "Home", InboxTab.Mine)]
    [InlineData(InboxTab.Mine, "End", InboxTab.All)]
    public void TheTabs_AreATabList_AndTheArrowKeysMoveBetweenThem(InboxTab shown, string key, InboxTab asked)
    {
        var filter = new ConversationFilter(shown, Status: ConversationStatus.Resolved);
        var list = RenderList(new ConversationPage([], false), filter);

        var tabs = list.FindAll("[role=tablist] [role=tab]");
        tabs.Select(t => t.GetAttribute("aria-selected")).ShouldBe(Enum.GetValues<InboxTab>().Select(t => t == shown ? "true" : "false"));
        tabs.Select(t => t.GetAttribute("tabindex")).ShouldBe(Enum.GetValues<InboxTab>().Select(t => t == shown ? "0" : "-1"), "only the shown list is in the tab order");
        list.Find("[role=tab][aria-selected=true]").ClassList.ShouldContain("mud-tab-active");
        list.Find("[role=tab][aria-selected=true]").GetAttribute("aria-controls").ShouldBe(list.Find("[role=list]").Id);

        list.Find("[role=tab][aria-selected=true]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = key });

        _changed.ShouldBe(filter with { Tab = asked });
        list.FindComponents<MudBlazor.MudTabs>().ShouldBeEmpty();
    }

    [Fact]
    public void ClickingATab_AsksForThatList_AndKeepsTheFilters()
    {
        var filter = new ConversationFilter(InboxTab.Mine, Status: ConversationStatus.Resolved);
        var list = RenderList(new ConversationPage([], false), filter);

        list.FindAll("[role=tab]").Single(t => t.TextContent.StartsWith("Unassigned")).Click();

        _changed.ShouldBe(filter with { Tab = InboxTab.Unassigned });
    }

    [Fact]
    public async Task Rows_MarkUnreadAndSelected_ShowPriorityLabelsAndWhoWroteLast()
    {
        await SignInAsync();
        var urgent = await CustomerWritesAsync("Ulla Dringend", "Sofort bitte");
        var read = await CustomerWritesAsync("Rolf Gelesen", "Danke");
        var conversations = Get<ConversationService>();
        await conversations.SetPriorityAsync(User, urgent, ConversationPriority.Urgent);
        var label = Label.Create("Reklamation", "#c62828");
        await using (var db = Database.CreateDbContext())
        {
            db.Labels.Add(label);
            await db.SaveChangesAsync();
        }

        await conversations.AddLabelAsync(User, urgent, label.Id);
        await conversations.ReplyAsync(User, read, "Gern geschehen", Guid.NewGuid().ToString("N"), long.MaxValue, sendAnyway: true);
        await MarkReadAsync(read);
        var (page, counts) = await LoadAsync(new ConversationFilter(InboxTab.All));

        var list = RenderList(page, new ConversationFilter(InboxTab.All), counts, selected: read);

        var urgentRow = list.Find($"a.bi-row[data-conversation='{urgent}']");
        urgentRow.ClassList.ShouldContain("bi-row--unread");
        urgentRow.QuerySelector("[data-role=unread]")!.TextContent.ShouldBe("1");
        urgentRow.QuerySelector("[data-role=priority] title")!.TextContent.ShouldBe("Urgent");
        urgentRow.TextContent.ShouldContain("Sofort bitte");
        urgentRow.QuerySelector(".bi-row-you").ShouldBeNull();
        var chip = urgentRow.QuerySelector($".bi-chip[data-label='{label.Id}']").ShouldNotBeNull();
        chip.TextContent.ShouldBe("Reklamation");
        chip.GetAttribute("style").ShouldBe("--chip: #c62828");
        urgentRow.TextContent.ShouldContain("Unassigned");
        var readRow = list.Find($"a.bi-row[data-conversation='{read}']");
        readRow.ClassList.ShouldNotContain("bi-row--unread");
        readRow.GetAttribute("aria-current").ShouldBe("true");
        readRow.QuerySelector("[data-role=priority]").ShouldBeNull();
        readRow.TextContent.ShouldContain("Gern geschehen");
        readRow.QuerySelector(".bi-row-you title")!.TextContent.ShouldBe("You replied");
        readRow.QuerySelector(".bi-chips").ShouldBeNull();
        readRow.GetAttribute("href").ShouldBe($"inbox/{read}");
    }

    [Theory]
    [InlineData(InboxTab.Mine, "Nothing is assigned to you.")]
    [InlineData(InboxTab.Unassigned, "Every conversation has someone looking after it.")]
    [InlineData(InboxTab.All, "No conversations here.")]
    public void AnEmptyList_SaysWhyForItsTab(InboxTab tab, string text)
    {
        var list = RenderList(new ConversationPage([], false), new ConversationFilter(tab));

        list.Find("[data-testid=list-empty]").TextContent.ShouldContain(text);
        list.FindAll("button").ShouldNotContain(b => b.TextContent.Contains("Clear filters"));
    }

    [Fact]
    public void AnEmptyFilteredList_OffersToClearTheFilters_ButKeepsTheTab()
    {
        var list = RenderList(new ConversationPage([], false), new ConversationFilter(InboxTab.Unassigned, Priority: ConversationPriority.High, LabelId: 4));

        list.Find("[data-testid=list-empty]").TextContent.ShouldContain("No conversations match these filters.");
        list.Find("[data-testid=filters-toggle]").TextContent.ShouldContain("Filters (2)");
        list.FindAll("button").Single(b => b.TextContent.Contains("Clear filters")).Click();

        _changed.ShouldBe(new ConversationFilter(InboxTab.Unassigned));
    }

    [Fact]
    public async Task LoadMore_IsOfferedOnlyWhenThereIsMore_AndAsksForIt()
    {
        await SignInAsync();
        await CustomerWritesAsync("Erste Kundin", "Eins");
        await CustomerWritesAsync("Zweite Kundin", "Zwei");
        var (partial, counts) = await LoadAsync(new ConversationFilter(InboxTab.All), limit: 1);
        var (whole, _) = await LoadAsync(new ConversationFilter(InboxTab.All));

        var list = RenderList(partial, new ConversationFilter(InboxTab.All), counts);
        list.FindAll("a.bi-row").Count.ShouldBe(1);
        list.FindAll("button").Single(b => b.TextContent.Contains("Load more")).Click();
        _loadMore.ShouldBe(1);

        list.Render(p => p.Add(c => c.Page, whole));
        list.FindAll("a.bi-row").Count.ShouldBe(2);
        list.FindAll("button").ShouldNotContain(b => b.TextContent.Contains("Load more"));
    }

    [Fact]
    public async Task Filters_AreFoldedAway_AndPickingAStatusAsksForIt()
    {
        var providers = RenderProviders();
        var list = RenderList(new ConversationPage([], false), new ConversationFilter(InboxTab.All));
        list.FindAll(".bi-filters").ShouldBeEmpty();
        list.Find("[data-testid=filters-toggle]").TextContent.Trim().ShouldBe("Filters");

        list.Find("[data-testid=filters-toggle]").Click();
        list.FindComponents<MudBlazor.MudSelect<int?>>().Count.ShouldBe(2);
        await list.InvokeAsync(() => list.FindComponents<MudBlazor.MudSelect<ConversationStatus?>>().Single().Instance.SelectOption(ConversationStatus.Resolved));

        _changed.ShouldBe(new ConversationFilter(InboxTab.All, Status: ConversationStatus.Resolved));
        providers.ShouldNotBeNull();
    }
}

using BizInbox.Domain.Channels;
using BizInbox.Domain.Conversations;
using BizInbox.Web.Features.Inbox;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Extensions;
using BizInbox.Web.Features.Labels;

namespace BizInbox.Tests.Components.Inbox;

public sealed class ConversationFiltersTests : ComponentTest
{
    private static readonly InboxOption[] Inboxes = [new(1, "Website chat", ChannelType.WebChat), new(2, "WhatsApp", ChannelType.WhatsApp)];
    private static readonly LabelChip[] Labels = [new(3, "VIP", "#c62828"), new(4, "Reklamation", "#1e88e5")];

    private ConversationFilter? _changed;

    private IRenderedComponent<ConversationFilters> RenderFilters(ConversationFilter filter) =>
        Render<ConversationFilters>(p => p
            .Add(f => f.Filter, filter)
            .Add(f => f.FilterChanged, EventCallback.Factory.Create<ConversationFilter>(this, f => _changed = f))
            .Add(f => f.Inboxes, Inboxes)
            .Add(f => f.Labels, Labels));

    private static IElement Toggle(IRenderedComponent<ConversationFilters> filters) => filters.Find("[data-testid=filters-toggle]");

    [Theory]
    [InlineData(ConversationStatus.Open, null, null, "Filters")]
    [InlineData(ConversationStatus.Resolved, null, null, "Filters (1)")]
    [InlineData(ConversationStatus.Open, 2, ConversationPriority.Urgent, "Filters (2)")]
    [InlineData(null, 2, ConversationPriority.Urgent, "Filters (3)")]
    public void TheToggle_CountsTheFiltersThatNarrowTheList(ConversationStatus? status, int? inboxId, ConversationPriority? priority, string text)
    {
        var filters = RenderFilters(new ConversationFilter(InboxTab.All, status, inboxId, null, priority));

        Toggle(filters).TextContent.Trim().ShouldBe(text);
    }

    [Fact]
    public void TheToggle_OpensAndClosesTheFilters_AndSaysSo()
    {
        var filters = RenderFilters(new ConversationFilter());
        Toggle(filters).GetAttribute("aria-expanded").ShouldBe("false");
        filters.FindAll("#conversation-filters").ShouldBeEmpty();

        Toggle(filters).Click();

        Toggle(filters).GetAttribute("aria-expanded").ShouldBe("true");
        filters.Find("#conversation-filters").QuerySelectorAll("label").Select(l => l.TextContent.Trim())
            .ShouldBe(["Status", "Sort", "Inbox", "Label", "Priority", "Came via ad"]);
        Toggle(filters).Click();
        filters.FindAll("#conversation-filters").ShouldBeEmpty();
    }

    [Fact]
    public async Task PickingAnInboxALabelAndAPriority_AsksForEach_KeepingTheRestOfTheFilter()
    {
        RenderProviders();
        var start = new ConversationFilter(InboxTab.Unassigned, Sort: InboxSort.LongestWaiting);
        var filters = RenderFilters(start);
        Toggle(filters).Click();
        var selects = filters.FindComponents<MudSelect<int?>>();

        await filters.InvokeAsync(() => selects[0].Instance.SelectOption((int?)2));
        _changed.ShouldBe(start with { InboxId = 2 });
        await filters.InvokeAsync(() => selects[1].Instance.SelectOption((int?)4));
        _changed.ShouldBe(start with { LabelId = 4 });
        await filters.InvokeAsync(() => filters.FindComponent<MudSelect<ConversationPriority?>>().Instance.SelectOption(ConversationPriority.High));
        _changed.ShouldBe(start with { Priority = ConversationPriority.High });
    }

    [Fact]
    public void TheChosenFilters_ShowByName()
    {
        var filters = RenderFilters(new ConversationFilter(InboxTab.All, ConversationStatus.Snoozed, 2, 3, ConversationPriority.Urgent));

        Toggle(filters).Click();

        filters.FindComponent<MudSelect<ConversationStatus?>>().Instance.GetState(x => x.Text).ShouldBe("Snoozed");
        filters.FindComponents<MudSelect<int?>>().Select(s => s.Instance.GetState(x => x.Text)).ShouldBe(["WhatsApp", "VIP"]);
        filters.FindComponent<MudSelect<ConversationPriority?>>().Instance.GetState(x => x.Text).ShouldBe("Urgent");
        filters.FindComponent<MudSelect<InboxSort>>().Instance.GetState(x => x.Text).ShouldBe("Newest first");
    }
}

using BizInbox.Domain.Conversations;
using BizInbox.Web.Features.Inbox;

namespace BizInbox.Tests.Features.Inbox;

public sealed class ListPatchTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private static ConversationListItem Row(long id, int activityMinute, int? waitingMinute = null) => new(
        id, $"Contact {id}", "text", true, T0.AddMinutes(activityMinute), waitingMinute is { } w ? T0.AddMinutes(w) : null,
        ConversationStatus.Open, ConversationPriority.None, null, "Website chat", [], 0);

    /// <summary>The page as reading it from the database gives it: every row in the list's order, the first <paramref name="limit"/>.</summary>
    private static ConversationPage Read(IEnumerable<ConversationListItem> all, InboxSort sort, int limit)
    {
        var ordered = all.ToList();
        ordered.Sort((a, b) => Expected(a, b, sort));
        return new ConversationPage([.. ordered.Take(limit)], ordered.Count > limit);
    }

    // The order written out as the queries state it, independently of ListPatch.Compare.
    private static int Expected(ConversationListItem a, ConversationListItem b, InboxSort sort) => sort == InboxSort.Newest
        ? (b.LastActivityAt, b.Id).CompareTo((a.LastActivityAt, a.Id))
        : (a.WaitingSince is null, a.WaitingSince ?? default, -a.Id).CompareTo((b.WaitingSince is null, b.WaitingSince ?? default, -b.Id));

    [Theory]
    [InlineData(InboxSort.Newest, 1)]
    [InlineData(InboxSort.Newest, 2)]
    [InlineData(InboxSort.LongestWaiting, 3)]
    [InlineData(InboxSort.LongestWaiting, 4)]
    public void AfterAnyChangeToOneConversation_ThePatchedPageIsThePageReadAgain_OrItAsksToReadAgain(InboxSort sort, int seed)
    {
        var random = new Random(seed);
        var patched = 0;
        for (var round = 0; round < 2_000; round++)
        {
            var limit = random.Next(1, 6);
            var all = Enumerable.Range(1, random.Next(0, 10))
                .Select(id => Row(id, random.Next(0, 8), random.Next(3) == 0 ? null : random.Next(0, 8)))
                .ToDictionary(r => r.Id);
            var page = Read(all.Values, sort, limit);

            // One conversation changes: a new message (moves it), its wait ends or starts, it leaves the list, or a new
            // one enters it.
            var id = (long)random.Next(1, 12);
            var row = random.Next(4) == 0 ? null : Row(id, random.Next(0, 10), random.Next(3) == 0 ? null : random.Next(0, 10));
            if (row is null)
            {
                all.Remove(id);
            }
            else
            {
                all[id] = row;
            }

            var result = ListPatch.Apply(page, id, row, sort, limit);
            if (result is null)
            {
                // Only when the list has more rows than its page and one left the list or fell below the page.
                page.HasMore.ShouldBeTrue();
                (row is null || page.Items.Any(i => i.Id == id)).ShouldBeTrue();
                continue;
            }

            patched++;
            var expected = Read(all.Values, sort, limit);
            var because = $"round {round}: {id} -> {row}";
            result.Items.Select(i => i.Id).ShouldBe(expected.Items.Select(i => i.Id), because);
            result.HasMore.ShouldBe(expected.HasMore, because);
            result.Items.ShouldBe(expected.Items, because);
        }

        patched.ShouldBeGreaterThan(1_500);
    }

    [Fact]
    public void ANewMessage_MovesItsRowToTheTop_AndPushesTheLastOffAFullPage()
    {
        var page = new ConversationPage([Row(3, 5), Row(2, 4), Row(1, 3)], false);

        var result = ListPatch.Apply(page, 9, Row(9, 6), InboxSort.Newest, limit: 3)!;

        result.Items.Select(i => i.Id).ShouldBe([9, 3, 2]);
        result.HasMore.ShouldBeTrue();
    }

    [Fact]
    public void ARowThatLeavesAListWithMoreThanItsPage_OrFallsBelowIt_NeedsThePageReadAgain()
    {
        var page = new ConversationPage([Row(3, 5), Row(2, 4)], true);

        ListPatch.Apply(page, 2, null, InboxSort.Newest, limit: 2).ShouldBeNull();
        ListPatch.Apply(page, 3, Row(3, 1), InboxSort.Newest, limit: 2).ShouldBeNull();
        ListPatch.Apply(page, 7, null, InboxSort.Newest, limit: 2).ShouldBeNull();
        ListPatch.Apply(page, 7, Row(7, 1), InboxSort.Newest, limit: 2).ShouldBeSameAs(page);
    }
}

using BizInbox.Domain.Conversations;
using BizInbox.Domain.Team;
using static BizInbox.Tests.Domain.Conversations.ConversationFactory;
using static BizInbox.Tests.Domain.Conversations.ConversationStatusTests;

namespace BizInbox.Tests.Domain.Conversations;

public class ConversationTeamworkTests
{
    private static readonly DateTimeOffset T1 = Now.AddMinutes(1);
    private static readonly DateTimeOffset T2 = Now.AddMinutes(2);
    private static readonly TeamMember[] Team = [Anna, Ben, Cleo];

    [Fact]
    public void Assign_ToSelf_WritesSelfAssigned()
    {
        var conversation = Stored();

        var entries = conversation.Assign(Anna, Anna, null, T1);

        conversation.AssigneeId.ShouldBe(Anna.UserId);
        ShouldBeActivity(entries.ShouldHaveSingleItem(), ActivityKind.SelfAssigned, Anna, T1);
    }

    [Fact]
    public void Assign_ToAnother_WritesAssignedWithTheAssigneeNameAsTarget()
    {
        var conversation = Stored();

        var entries = conversation.Assign(Anna, Ben, null, T1);

        conversation.AssigneeId.ShouldBe(Ben.UserId);
        var entry = entries.ShouldHaveSingleItem();
        ShouldBeActivity(entry, ActivityKind.Assigned, Anna, T1);
        entry.ActivityTarget.ShouldBe(Ben.Name);
    }

    [Fact]
    public void Assign_FromOneAgentToAnother_WritesAssignedWithTheNewAssignee()
    {
        var conversation = Stored();
        conversation.Assign(Anna, Ben, null, T1);

        var entries = conversation.Assign(Anna, Cleo, Ben.Name, T2);

        conversation.AssigneeId.ShouldBe(Cleo.UserId);
        var entry = entries.ShouldHaveSingleItem();
        ShouldBeActivity(entry, ActivityKind.Assigned, Anna, T2);
        entry.ActivityTarget.ShouldBe(Cleo.Name);
    }

    [Fact]
    public void Assign_ToSelf_AfterSomeoneElseHadIt_WritesSelfAssigned()
    {
        var conversation = Stored();
        conversation.Assign(Anna, Ben, null, T1);

        var entries = conversation.Assign(Cleo, Cleo, Ben.Name, T2);

        conversation.AssigneeId.ShouldBe(Cleo.UserId);
        ShouldBeActivity(entries.ShouldHaveSingleItem(), ActivityKind.SelfAssigned, Cleo, T2);
    }

    [Fact]
    public void Assign_ToNobody_WritesUnassignedWithThePreviousAssigneeNameAsTarget()
    {
        var conversation = Stored();
        conversation.Assign(Anna, Ben, null, T1);

        var entries = conversation.Assign(Anna, null, Ben.Name, T2);

        conversation.AssigneeId.ShouldBeNull();
        var entry = entries.ShouldHaveSingleItem();
        ShouldBeActivity(entry, ActivityKind.Unassigned, Anna, T2);
        entry.ActivityTarget.ShouldBe(Ben.Name);
    }

    [Theory]
    [InlineData("user-ben", "user-ben")]
    [InlineData("user-anna", "user-ben")]
    [InlineData("user-ben", "user-anna")]
    public void Assign_ToTheCurrentAssignee_ReturnsNothingAndChangesNothing(string firstActorId, string secondActorId)
    {
        var conversation = Stored();
        conversation.Assign(Member(firstActorId), Ben, null, T1);

        conversation.Assign(Member(secondActorId), Ben, Ben.Name, T2).ShouldBeEmpty();

        conversation.AssigneeId.ShouldBe(Ben.UserId);
    }

    [Fact]
    public void Assign_ToTheCurrentAssigneeUnderANewDisplayName_ReturnsNothing()
    {
        var conversation = Stored();
        conversation.Assign(Anna, Ben, null, T1);

        conversation.Assign(Anna, Ben with { Name = "Benjamin Otto" }, Ben.Name, T2).ShouldBeEmpty();
    }

    [Fact]
    public void Assign_ToNobody_WhenUnassigned_ReturnsNothing()
    {
        var conversation = Stored();

        conversation.Assign(Anna, null, null, T1).ShouldBeEmpty();

        conversation.AssigneeId.ShouldBeNull();
    }

    [Theory]
    [InlineData(ConversationStatus.Open)]
    [InlineData(ConversationStatus.Pending)]
    [InlineData(ConversationStatus.Snoozed)]
    [InlineData(ConversationStatus.Resolved)]
    public void AssignPriorityAndLabels_ChangeNoStatus(ConversationStatus status)
    {
        var conversation = InStatus(status);

        conversation.Assign(Anna, Ben, null, T1);
        conversation.SetPriority(Anna, ConversationPriority.High, T1);
        conversation.AddLabel(Anna, StoredLabel(3, "order"), T1);

        conversation.Status.ShouldBe(status);
    }

    [Theory]
    [InlineData(ConversationPriority.Low)]
    [InlineData(ConversationPriority.Medium)]
    [InlineData(ConversationPriority.High)]
    [InlineData(ConversationPriority.Urgent)]
    public void SetPriority_ToANewPriority_WritesPriorityChangedWithThePriorityAsTarget(ConversationPriority priority)
    {
        var conversation = Stored();

        var entries = conversation.SetPriority(Ben, priority, T1);

        conversation.Priority.ShouldBe(priority);
        var entry = entries.ShouldHaveSingleItem();
        ShouldBeActivity(entry, ActivityKind.PriorityChanged, Ben, T1);
        entry.ActivityTarget.ShouldBe(priority.ToString());
    }

    [Fact]
    public void SetPriority_BackToNone_WritesPriorityChanged()
    {
        var conversation = Stored();
        conversation.SetPriority(Ben, ConversationPriority.Urgent, T1);

        var entries = conversation.SetPriority(Ben, ConversationPriority.None, T2);

        conversation.Priority.ShouldBe(ConversationPriority.None);
        entries.ShouldHaveSingleItem().ActivityTarget.ShouldBe(nameof(ConversationPriority.None));
    }

    [Theory]
    [InlineData(ConversationPriority.None)]
    [InlineData(ConversationPriority.Low)]
    [InlineData(ConversationPriority.Medium)]
    [InlineData(ConversationPriority.High)]
    [InlineData(ConversationPriority.Urgent)]
    public void SetPriority_ToTheSamePriority_ReturnsNothing(ConversationPriority priority)
    {
        var conversation = Stored();
        conversation.SetPriority(Ben, priority, T1);

        conversation.SetPriority(Anna, priority, T2).ShouldBeEmpty();

        conversation.Priority.ShouldBe(priority);
    }

    [Fact]
    public void AddLabel_AttachesItWithAnActivityEntryNamingTheLabel()
    {
        var conversation = Stored();
        var label = StoredLabel(3, "order");

        var entries = conversation.AddLabel(Ben, label, T1);

        conversation.Labels.ShouldBe([new ConversationLabel(42, 3)]);
        var entry = entries.ShouldHaveSingleItem();
        ShouldBeActivity(entry, ActivityKind.LabelAdded, Ben, T1);
        entry.ActivityTarget.ShouldBe("order");
    }

    [Fact]
    public void AddLabel_Twice_ReturnsNothingTheSecondTime()
    {
        var conversation = Stored();
        var label = StoredLabel(3, "order");
        conversation.AddLabel(Ben, label, T1);

        conversation.AddLabel(Anna, label, T2).ShouldBeEmpty();

        conversation.Labels.ShouldHaveSingleItem().LabelId.ShouldBe(3);
    }

    [Fact]
    public void AddLabel_OfDifferentLabels_AttachesEach()
    {
        var conversation = Stored();

        conversation.AddLabel(Ben, StoredLabel(3, "order"), T1).ShouldHaveSingleItem();
        conversation.AddLabel(Ben, StoredLabel(4, "complaint"), T1).ShouldHaveSingleItem();

        conversation.Labels.Select(l => l.LabelId).ShouldBe([3, 4], ignoreOrder: true);
    }

    [Fact]
    public void RemoveLabel_DetachesItWithAnActivityEntryNamingTheLabel()
    {
        var conversation = Stored();
        var order = StoredLabel(3, "order");
        var complaint = StoredLabel(4, "complaint");
        conversation.AddLabel(Ben, order, T1);
        conversation.AddLabel(Ben, complaint, T1);

        var entries = conversation.RemoveLabel(Anna, order, T2);

        conversation.Labels.ShouldBe([new ConversationLabel(42, 4)]);
        var entry = entries.ShouldHaveSingleItem();
        ShouldBeActivity(entry, ActivityKind.LabelRemoved, Anna, T2);
        entry.ActivityTarget.ShouldBe("order");
    }

    [Fact]
    public void RemoveLabel_WhenAbsent_ReturnsNothing()
    {
        var conversation = Stored();
        conversation.AddLabel(Ben, StoredLabel(4, "complaint"), T1);

        conversation.RemoveLabel(Anna, StoredLabel(3, "order"), T2).ShouldBeEmpty();

        conversation.Labels.ShouldHaveSingleItem().LabelId.ShouldBe(4);
    }

    [Fact]
    public void AddLabel_AfterItWasRemoved_AttachesItAgain()
    {
        var conversation = Stored();
        var label = StoredLabel(3, "order");
        conversation.AddLabel(Ben, label, T1);
        conversation.RemoveLabel(Ben, label, T1);

        conversation.AddLabel(Ben, label, T2).ShouldHaveSingleItem().Activity.ShouldBe(ActivityKind.LabelAdded);

        conversation.Labels.ShouldHaveSingleItem().LabelId.ShouldBe(3);
    }

    [Fact]
    public void TeamMember_IsAValue()
    {
        new TeamMember("user-ben", "Ben Otto").ShouldBe(Ben);
        (Ben with { Name = "Benjamin" }).ShouldNotBe(Ben);
    }

    private static TeamMember Member(string userId) => Team.Single(m => m.UserId == userId);
}

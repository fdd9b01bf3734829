using BizInbox.Domain.Labels;
using BizInbox.Web.Features.Labels;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Components.Labels;

public sealed class LabelsPageTests : ComponentTest
{
    private static void Submit(IRenderedComponent<LabelsPage> page) => page.Find("form").Submit();

    private async Task<List<Label>> StoredAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.Labels.AsNoTracking().OrderBy(l => l.Name).ToListAsync();
    }

    [Fact]
    public async Task Create_StoresTheLabelWithItsColour_AndListsItAsAChip()
    {
        await SignInAsync();
        var page = Render<LabelsPage>();

        page.Input("Name").Change("Reklamation");
        page.Find("#label-colour").Change("#c62828");
        Submit(page);

        page.WaitForAssertion(() => page.Find("tbody .bi-label-chip").TextContent.Trim().ShouldBe("Reklamation"));
        page.Find("tbody .bi-label-chip").GetAttribute("style")!.ShouldContain("--label: #c62828");
        (await StoredAsync()).Select(l => (l.Name, l.Color)).ShouldBe([("Reklamation", "#c62828")]);
        page.Input("Name").GetAttribute("value").ShouldBeNullOrEmpty();
    }

    [Theory]
    [InlineData("", "The label needs a name.")]
    [InlineData("bestellung", "A label with this name already exists.")]
    public async Task Create_Refused_SaysWhyNextToTheName_AndKeepsTheInput(string name, string message)
    {
        await SignInAsync();
        await Get<LabelService>().CreateAsync(User, "Bestellung", "#1e88e5");
        var page = Render<LabelsPage>();

        page.Input("Name").Change(name);
        Submit(page);

        page.WaitForAssertion(() => page.ErrorOf("Name").ShouldBe(message));
        page.Input("Name").GetAttribute("value").ShouldBe(name);
        (await StoredAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Edit_RenamesAndRecolours_TheChosenLabel()
    {
        await SignInAsync();
        await Get<LabelService>().CreateAsync(User, "Bestellung", "#1e88e5");
        var page = Render<LabelsPage>();

        page.Find("button[aria-label='Edit Bestellung']").Click();
        page.Input("Name").GetAttribute("value").ShouldBe("Bestellung");
        page.Input("Name").Change("Auftrag");
        page.Find("#label-colour").Change("#2e7d32");
        Submit(page);

        page.WaitForAssertion(() => page.Find("tbody .bi-label-chip").TextContent.Trim().ShouldBe("Auftrag"));
        (await StoredAsync()).Select(l => (l.Name, l.Color)).ShouldBe([("Auftrag", "#2e7d32")]);
        page.Find("form").GetAttribute("aria-label").ShouldBe("New label");
    }

    [Theory]
    [InlineData("Delete", 0)]
    [InlineData("Cancel", 1)]
    public async Task Delete_AsksFirst_AndRemovesOnlyWhenConfirmed(string answer, int left)
    {
        await SignInAsync();
        await Get<LabelService>().CreateAsync(User, "Bestellung", "#1e88e5");
        var hosts = Hosts.Render(this);
        var page = Render<LabelsPage>();

        page.Find("button[aria-label='Delete Bestellung']").Click();
        hosts.Dialogs.WaitForAssertion(() => hosts.Dialogs.Markup.ShouldContain("The label Bestellung is removed from 0 conversations."));
        hosts.Answer(answer);

        hosts.Dialogs.WaitForAssertion(() => hosts.Dialogs.FindAll(".mud-dialog").ShouldBeEmpty());
        page.WaitForAssertion(() => page.FindAll("tbody .bi-label-chip").Count.ShouldBe(left));
        (await StoredAsync()).Count.ShouldBe(left);
    }
}

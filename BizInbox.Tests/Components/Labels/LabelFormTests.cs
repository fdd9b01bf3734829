using BizInbox.Web.Features.Labels;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Components.Labels;

public sealed class LabelFormTests : ComponentTest
{
    private int _done;

    private IRenderedComponent<LabelForm> RenderForm(LabelRow? editing = null) =>
        Render<LabelForm>(p => p.Add(f => f.Editing, editing).Add(f => f.OnDone, EventCallback.Factory.Create(this, () => _done++)));

    private async Task<LabelRow> StoredAsync(string name, string color)
    {
        await Get<LabelService>().CreateAsync(User, name, color);
        return (await Get<LabelService>().ListAsync(User)).Single(l => l.Name == name);
    }

    private async Task<List<(string Name, string Color)>> LabelsAsync()
    {
        await using var db = Database.CreateDbContext();
        return (await db.Labels.AsNoTracking().OrderBy(l => l.Name).ToListAsync()).Select(l => (l.Name, l.Color)).ToList();
    }

    [Fact]
    public async Task AColourThatIsNotOne_IsRefusedNextToTheColour_KeepingTheName()
    {
        await SignInAsync();
        var form = RenderForm();

        form.Input("Name").Change("Reklamation");
        form.Find("#label-colour").Change("rot");
        form.Find("form").Submit();

        form.WaitForAssertion(() => form.Find(".bi-colour-field [role=alert]").TextContent.ShouldBe("The colour must look like #1e88e5."));
        form.Find("#label-colour").GetAttribute("aria-invalid").ShouldBe("true");
        form.ErrorOf("Name").ShouldBeNull();
        form.Input("Name").GetAttribute("value").ShouldBe("Reklamation");
        form.Find("#label-colour").GetAttribute("value").ShouldBe("rot");
        (await LabelsAsync()).ShouldBeEmpty();
        _done.ShouldBe(0);
    }

    [Fact]
    public async Task Editing_ShowsTheLabel_AndCancelLeavesItAsItWas()
    {
        await SignInAsync();
        var label = await StoredAsync("Bestellung", "#1e88e5");
        var form = RenderForm(label);
        form.Find("form").GetAttribute("aria-label").ShouldBe("Edit label");
        form.Find("#label-colour").GetAttribute("value").ShouldBe("#1e88e5");

        form.Input("Name").Change("Auftrag");
        form.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        _done.ShouldBe(1);
        (await LabelsAsync()).ShouldBe([("Bestellung", "#1e88e5")]);
    }

    [Fact]
    public async Task EditingAnotherLabel_ShowsThatOne_AndForgetsTheLastRefusal()
    {
        await SignInAsync();
        var order = await StoredAsync("Bestellung", "#1e88e5");
        await StoredAsync("VIP", "#c62828");
        var vip = (await Get<LabelService>().ListAsync(User)).Single(l => l.Name == "VIP");
        var form = RenderForm(order);
        form.Input("Name").Change("VIP");
        form.Find("form").Submit();
        form.WaitForAssertion(() => form.ErrorOf("Name").ShouldBe("A label with this name already exists."));

        form.Render(p => p.Add(f => f.Editing, vip));

        form.Input("Name").GetAttribute("value").ShouldBe("VIP");
        form.Find("#label-colour").GetAttribute("value").ShouldBe("#c62828");
        form.ErrorOf("Name").ShouldBeNull();
        form.FindAll("[role=alert]").ShouldBeEmpty();
    }

    [Fact]
    public async Task CreatingALabel_EmptiesTheFormForTheNextOne()
    {
        await SignInAsync();
        var form = RenderForm();
        form.FindAll("button").ShouldNotContain(b => b.TextContent.Trim() == "Cancel");

        form.Input("Name").Change("Rückruf");
        form.Find("#label-colour").Change("#2e7d32");
        form.Find("form").Submit();

        form.WaitForAssertion(() => _done.ShouldBe(1));
        (await LabelsAsync()).ShouldBe([("Rückruf", "#2e7d32")]);
        form.Input("Name").GetAttribute("value").ShouldBeNullOrEmpty();
        form.Find("#label-colour").GetAttribute("value").ShouldBe("#1e88e5");
    }
}

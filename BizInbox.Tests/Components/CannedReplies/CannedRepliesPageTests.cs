using BizInbox.Domain.CannedReplies;
using BizInbox.Domain.Team;
using BizInbox.Web.Features.CannedReplies;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;

namespace BizInbox.Tests.Components.CannedReplies;

public sealed class CannedRepliesPageTests : ComponentTest
{
    private static void Submit(IRenderedComponent<CannedRepliesPage> page) => page.Find("form").Submit();

    private async Task<List<CannedReply>> StoredAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.CannedReplies.AsNoTracking().OrderBy(r => r.Shortcut).ToListAsync();
    }

    private static List<string> Shortcuts(IRenderedComponent<CannedRepliesPage> page) =>
        page.FindAll("tbody code").Select(c => c.TextContent.Trim()).ToList();

    [Fact]
    public async Task Manager_CreatesASharedReplyWithButtons_AndSeesItListed()
    {
        await SignInAsync(TeamRole.Manager, "Mia Manager");
        var page = Render<CannedRepliesPage>();

        page.Input("Shortcut").Change("Hours");
        page.Input("Text").Change("Hi {{contact.first_name}}, we open at nine.");
        page.Input("Button 1").Change("Thanks");
        page.Find("input[type=checkbox]").Change(true);
        Submit(page);

        page.WaitForAssertion(() => Shortcuts(page).ShouldBe(["/hours"]));
        page.Find("tbody").TextContent.ShouldContain("Shared");
        page.Find("tbody .bi-canned-button").TextContent.Trim().ShouldBe("Thanks");
        var stored = (await StoredAsync()).ShouldHaveSingleItem();
        (stored.Shortcut, stored.IsShared).ShouldBe(("hours", true));
        stored.Buttons.ShouldBe(["Thanks"]);
        page.Input("Shortcut").GetAttribute("value").ShouldBeNullOrEmpty();
    }

    [Theory]
    [InlineData("two words", "A shortcut has 1 to 32 lowercase letters, digits, '-' or '_'.")]
    [InlineData("hours", "A shared reply already uses this shortcut.")]
    public async Task Create_Refused_SaysWhyNextToTheShortcut_AndKeepsTheInput(string shortcut, string message)
    {
        await SignInAsync();
        await Get<CannedReplyService>().CreateAsync(User, new CannedReplyInput("hours", "We open at nine.", [], Shared: true));
        var page = Render<CannedRepliesPage>();

        page.Input("Shortcut").Change(shortcut);
        page.Input("Text").Change("My typed text");
        Submit(page);

        page.WaitForAssertion(() => page.ErrorOf("Shortcut").ShouldBe(message));
        page.ErrorOf("Text").ShouldBeNull();
        page.Input("Shortcut").GetAttribute("value").ShouldBe(shortcut);
        page.Input("Text").TextContent.ShouldBe("My typed text");
        (await StoredAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task ATooLongButtonTitle_IsRefusedUnderTheButtons_KeepingEverything()
    {
        await SignInAsync();
        var page = Render<CannedRepliesPage>();

        page.Input("Shortcut").Change("ask");
        page.Input("Text").Change("Which one?");
        page.Input("Button 2").Change("A far too long button title");
        Submit(page);

        page.WaitForAssertion(() => page.Find("[role=group] + [role=alert]").TextContent.ShouldBe("A button title has 1 to 20 characters."));
        page.Input("Button 2").GetAttribute("value").ShouldBe("A far too long button title");
        page.Input("Shortcut").GetAttribute("value").ShouldBe("ask");
        (await StoredAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Agent_SeesSharedOnesReadOnly_AndCreatesPersonalOnes()
    {
        var owner = await SignInAsync();
        await Get<CannedReplyService>().CreateAsync(User, new CannedReplyInput("hours", "We open at nine.", [], Shared: true));
        SignIn(await AddMemberAsync(owner, TeamRole.Agent, "ben@example.com", "Ben Agent"), TeamRole.Agent);
        var page = Render<CannedRepliesPage>();
        page.FindAll("input[type=checkbox]").ShouldBeEmpty();
        page.FindAll("button[aria-label='Edit /hours']").ShouldBeEmpty();
        page.Find("tbody").TextContent.ShouldContain("Managed by managers");

        page.Input("Shortcut").Change("mine");
        page.Input("Text").Change("Ben here.");
        Submit(page);

        page.WaitForAssertion(() => Shortcuts(page).ShouldBe(["/hours", "/mine"]));
        page.FindAll("button[aria-label='Edit /mine']").Count.ShouldBe(1);
        (await StoredAsync()).Single(r => r.Shortcut == "mine").IsShared.ShouldBeFalse();
    }

    [Fact]
    public async Task Edit_ChangesTheChosenReply()
    {
        await SignInAsync();
        await Get<CannedReplyService>().CreateAsync(User, new CannedReplyInput("hours", "We open at nine.", ["Ok"], Shared: true));
        var page = Render<CannedRepliesPage>();

        page.Find("button[aria-label='Edit /hours']").Click();
        page.Find("form").GetAttribute("aria-label").ShouldBe("Edit canned reply");
        page.Input("Button 1").GetAttribute("value").ShouldBe("Ok");
        page.Input("Text").Change("We open at ten.");
        Submit(page);

        page.WaitForAssertion(() => page.Find("form").GetAttribute("aria-label").ShouldBe("New canned reply"));
        (await StoredAsync()).Single().Text.ShouldBe("We open at ten.");
        page.Find("tbody .bi-canned-text").TextContent.ShouldBe("We open at ten.");
    }

    [Theory]
    [InlineData("Delete", 0)]
    [InlineData("Cancel", 1)]
    public async Task Delete_AsksFirst_AndRemovesOnlyWhenConfirmed(string answer, int left)
    {
        await SignInAsync();
        await Get<CannedReplyService>().CreateAsync(User, new CannedReplyInput("hours", "We open at nine.", [], Shared: true));
        var hosts = Hosts.Render(this);
        var page = Render<CannedRepliesPage>();

        page.Find("button[aria-label='Delete /hours']").Click();
        hosts.Dialogs.WaitForAssertion(() => hosts.Dialogs.Markup.ShouldContain("The reply is removed for the whole team."));
        hosts.Answer(answer);

        hosts.Dialogs.WaitForAssertion(() => hosts.Dialogs.FindAll(".mud-dialog").ShouldBeEmpty());
        page.WaitForAssertion(() => Shortcuts(page).Count.ShouldBe(left));
        (await StoredAsync()).Count.ShouldBe(left);
    }

    private static readonly byte[] Pdf = [.. "%PDF-1.4\n"u8, .. new byte[55]];

    private static void ChooseFile(IRenderedComponent<CannedRepliesPage> page, byte[] bytes, string name, string type) =>
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(bytes, name, contentType: type));

    [Fact]
    public async Task AFile_IsUploadedInTheForm_ShownWithNameAndSize_AndListedWithTheReply()
    {
        await SignInAsync();
        var page = Render<CannedRepliesPage>();
        page.Input("Shortcut").Change("prices");
        page.Input("Text").Change("Our prices");

        ChooseFile(page, Pdf, "preise.pdf", "application/pdf");

        page.WaitForAssertion(() => page.Find("form [data-role=canned-file]").TextContent.ShouldContain("preise.pdf · 64 B"));
        page.Find("form [data-role=canned-attachment]").TextContent.ShouldContain("Replace the file");
        Submit(page);

        page.WaitForAssertion(() => page.Find("tbody [data-role=canned-file]").TextContent.ShouldContain("preise.pdf · 64 B"));
        (await StoredAsync()).Single().AttachmentId.ShouldNotBeNull();
        page.FindAll("form [data-role=canned-file]").ShouldBeEmpty();
    }

    [Fact]
    public async Task AFileWhatsAppWouldRefuse_IsRefusedNextToTheFileField()
    {
        await SignInAsync();
        var page = Render<CannedRepliesPage>();

        ChooseFile(page, "PK\u0003\u0004"u8.ToArray(), "archiv.zip", "application/zip");

        page.WaitForAssertion(() => page.Find("[data-role=canned-attachment] [role=alert]").TextContent.ShouldStartWith("Files may be JPEG or PNG pictures"));
        page.FindAll("[data-role=canned-file]").ShouldBeEmpty();
    }

    [Fact]
    public async Task AFileWithButtons_IsRefusedNextToTheFile_KeepingBoth()
    {
        await SignInAsync();
        var page = Render<CannedRepliesPage>();
        page.Input("Shortcut").Change("ask");
        page.Input("Text").Change("Which one?");
        page.Input("Button 1").Change("This");
        ChooseFile(page, Pdf, "preise.pdf", "application/pdf");
        page.WaitForAssertion(() => page.Find("form [data-role=canned-file]"));

        Submit(page);

        page.WaitForAssertion(() => page.Find("[data-role=canned-attachment] [role=alert]").TextContent
            .ShouldBe("A reply with buttons cannot carry a file: remove the buttons or the file."));
        page.Find("form [data-role=canned-file]").TextContent.ShouldContain("preise.pdf");
        page.Input("Button 1").GetAttribute("value").ShouldBe("This");
        (await StoredAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Edit_RemovingTheFile_TakesItOffTheReply()
    {
        await SignInAsync();
        var replies = Get<CannedReplyService>();
        var file = await replies.UploadAsync(User, new MemoryStream(Pdf), "preise.pdf", "application/pdf");
        await replies.CreateAsync(User, new CannedReplyInput("prices", "Our prices", [], Shared: true, file.Id));
        var page = Render<CannedRepliesPage>();

        page.Find("button[aria-label='Edit /prices']").Click();
        page.Find("form [data-role=canned-file] .mud-chip-close-button").Click();
        page.FindAll("form [data-role=canned-file]").ShouldBeEmpty();
        Submit(page);

        page.WaitForAssertion(() => page.Find("form").GetAttribute("aria-label").ShouldBe("New canned reply"));
        (await StoredAsync()).Single().AttachmentId.ShouldBeNull();
        page.FindAll("tbody [data-role=canned-file]").ShouldBeEmpty();
    }
}

using BizInbox.Domain;
using BizInbox.Web.Components;
using BizInbox.Web;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using BizInbox.Web.Ui;

namespace BizInbox.Tests.Components.Forms;

public sealed class FormPartsTests : ComponentTest
{
    private static RenderFragment Input => b => b.AddMarkupContent(0, "<input id=\"email\" name=\"Input.Email\" />");

    [Fact]
    public void FormField_WithAProblem_ShowsItUnderItsInput_AndAnnouncesIt()
    {
        var field = Render<FormField>(p => p.Add(f => f.For, "email").Add(f => f.Label, "Email").Add(f => f.Error, "The email address is not valid.").Add(f => f.ChildContent, Input));

        field.Find("label").GetAttribute("for").ShouldBe("email");
        var error = field.Find("#email-error");
        error.TextContent.ShouldBe("The email address is not valid.");
        error.GetAttribute("role").ShouldBe("alert");
        error.PreviousElementSibling!.Id.ShouldBe("email");
        field.Find(".bi-field").ClassList.ShouldContain("bi-field--invalid");
    }

    [Fact]
    public void FormField_WithoutAProblem_ShowsNoMessage()
    {
        var field = Render<FormField>(p => p.Add(f => f.For, "email").Add(f => f.Label, "Email").Add(f => f.ChildContent, Input));

        field.FindAll(".bi-field-error").ShouldBeEmpty();
        field.Find(".bi-field").ClassList.ShouldNotContain("bi-field--invalid");
    }

    [Theory]
    [InlineData("error", "mud-alert-text-error", "alert")]
    [InlineData("success", "mud-alert-text-success", "status")]
    [InlineData("info", "mud-alert-text-info", "status")]
    public void FormAlert_ShowsTheMessage_InItsKind(string kind, string cssClass, string role)
    {
        var alert = Render<FormAlert>(p => p.Add(a => a.Message, "Saved.").Add(a => a.Kind, kind));

        var box = alert.Find($"[role={role}]");
        box.TextContent.Trim().ShouldBe("Saved.");
        box.ClassList.ShouldContain(cssClass);
    }

    [Fact]
    public void FormAlert_WithoutAMessage_RendersNothing()
    {
        Render<FormAlert>(p => p.Add(a => a.Message, null)).Markup.Trim().ShouldBeEmpty();
    }

    [Fact]
    public void CopyField_CopiesItsValue_AndSaysSo()
    {
        var copied = JSInterop.SetupVoid("navigator.clipboard.writeText", _ => true);
        copied.SetVoidResult();
        var hosts = Hosts.Render(this);
        var field = Render<CopyField>(p => p.Add(c => c.Value, "https://inbox.example.com/invite/abc").Add(c => c.Label, "Invitation link"));

        field.Input("Invitation link").HasAttribute("readonly").ShouldBeTrue();
        field.Find("button").Click();

        copied.Invocations.Single().Arguments.ShouldBe(["https://inbox.example.com/invite/abc"]);
        hosts.Snackbars.WaitForAssertion(() => hosts.Snackbars.Markup.ShouldContain("Copied."));
    }

    [Fact]
    public void FieldErrors_PutTheDomainsRefusal_UnderTheFieldItConcerns_OrOnTheForm()
    {
        var errors = new FieldErrors(Services.GetRequiredService<IStringLocalizer<SharedResource>>(), new Dictionary<string, string> { ["label.name_taken"] = "Name" });

        errors.Add(new DomainException("label.name_taken", "taken"));
        errors.Add(new DomainException("label.not_found", "gone"));

        errors["Name"].ShouldBe("A label with this name already exists.");
        errors.Form.ShouldBe("This label does not exist.");
        errors.Has("Color").ShouldBeFalse();
    }
}

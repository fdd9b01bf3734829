using BizInbox.Web.Features.Templates;
using Bunit;

namespace BizInbox.Tests.Components.Templates;

public sealed class TemplateStatusBadgeTests : ComponentTest
{
    [Theory]
    [InlineData("APPROVED", "Approved", "success")]
    [InlineData("PENDING", "In review", "warning")]
    [InlineData("IN_APPEAL", "In appeal", "warning")]
    [InlineData("REJECTED", "Rejected", "error")]
    [InlineData("DISABLED", "Disabled", "error")]
    [InlineData("PAUSED", "Paused", "default")]
    [InlineData("LIMIT_EXCEEDED", "LIMIT_EXCEEDED", "default")]
    public void Badge_NamesMetasStatus_InTheColourOfItsMeaning(string status, string text, string colour)
    {
        var badge = Render<TemplateStatusBadge>(p => p.Add(b => b.Status, status));

        var chip = badge.Find(".mud-chip");
        chip.TextContent.Trim().ShouldBe(text);
        chip.ClassList.ShouldContain($"mud-chip-color-{colour}");
    }
}

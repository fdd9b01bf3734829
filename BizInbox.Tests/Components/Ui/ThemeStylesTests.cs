using BizInbox.Web.Ui;
using Bunit;
using MudBlazor;

namespace BizInbox.Tests.Components.Ui;

public sealed class ThemeStylesTests : ComponentTest
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ThemeStyles_DrawWhatMudThemeProviderDraws_ForEachPalette(bool dark)
    {
        var mud = Render<MudThemeProvider>(p => p.Add(x => x.Theme, BizTheme.Theme).Add(x => x.IsDarkMode, dark));

        var ours = Render<ThemeStyles>(p => p.Add(x => x.Dark, dark));

        ours.WaitForAssertion(() => ours.Markup.ShouldNotBeEmpty());
        ours.Markup.ShouldBe(mud.Markup);
        ours.Markup.ShouldContain($"--mud-native-html-color-scheme: {(dark ? "dark" : "light")};");
    }

    [Fact]
    public async Task ThemeStyles_SwitchPalette_WhenTheUserTogglesTheTheme()
    {
        var styles = Render<ThemeStyles>(p => p.Add(x => x.Dark, false));
        styles.WaitForAssertion(() => styles.Markup.ShouldContain("--mud-native-html-color-scheme: light;"));

        styles.Render(p => p.Add(x => x.Dark, true));

        styles.WaitForAssertion(() => styles.Markup.ShouldContain("--mud-native-html-color-scheme: dark;"));
        styles.Markup.ShouldBe((await ThemeStylesheet.ForAsync(dark: true)).Value);
    }

    [Fact]
    public async Task TheStylesheet_IsBuiltOncePerPalette_AndSharedByEveryCircuit()
    {
        var first = await ThemeStylesheet.ForAsync(dark: false);
        var second = await ThemeStylesheet.ForAsync(dark: false);

        ReferenceEquals(first.Value, second.Value).ShouldBeTrue();
        (await ThemeStylesheet.ForAsync(dark: true)).Value.ShouldNotBe(first.Value);
    }
}

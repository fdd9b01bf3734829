using BizInbox.Domain.Profiles;
using BizInbox.E2E.Pages;
using BizInbox.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E;

/// <summary>The profile picture is cropped to a square in the browser before it is saved; the public page serves that square.</summary>
[Collection(BrowserGroup.Name)]
public sealed class ProfilePictureTests : BrowserTest, IDisposable
{
    private readonly AppServer _app = new();

    public ProfilePictureTests(BrowserFixture browser) : base(browser)
    {
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public Task Owner_MovesAndZoomsThePicture_AndThePublicPageServesTheChosenSquare() => ScenarioAsync(async () =>
    {
        var (page, profile) = await SignInAsync();
        await profile.ChoosePictureAsync(await profile.DrawPngAsync(640, 400));

        await Expect(profile.CropDialog).ToBeVisibleAsync();
        await Expect(profile.CropSize).ToHaveTextAsync("The picture will be 400 × 400 pixels.");
        await Expect(page.GetByRole(AriaRole.Slider, new() { Name = "Zoom" })).ToHaveValueAsync("1");
        await profile.CropFrame.HoverAsync();
        for (var i = 0; i < 3; i++)
        {
            await page.Mouse.WheelAsync(0, -100);
        }

        await Expect(profile.CropSize).ToHaveTextAsync("The picture will be 301 × 301 pixels.");
        var frame = (await profile.CropFrame.BoundingBoxAsync())!;
        var (x, y) = (frame.X + frame.Width / 2, frame.Y + frame.Height / 2);
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x + 300, y, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        await profile.CropFrame.FocusAsync();
        for (var i = 0; i < 5; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Use picture" }).ClickAsync();
        await Expect(page.GetByText("Profile picture saved.")).ToBeVisibleAsync();
        await Expect(profile.CropDialog).ToBeHiddenAsync();

        var response = await page.APIRequest.GetAsync("b/fahrrad-nord/picture");
        ProfilePicture.Read(await response.BodyAsync()).ShouldBe(("image/png", 301, 301));
        // Dragged right: the left (red) half fills the square; moved down with the keys: the green top band shows.
        var colours = await profile.ColoursAtAsync("b/fahrrad-nord/picture", [10, 10], [290, 150], [10, 290]);
        colours.ShouldBe(["green", "red", "red"]);
    });

    [Fact]
    public Task TooSmallPicture_IsRefusedNextToTheField_WithoutOpeningTheCrop() => ScenarioAsync(async () =>
    {
        var (_, profile) = await SignInAsync();

        await profile.ChoosePictureAsync(await profile.DrawPngAsync(180, 400));

        await Expect(profile.PictureError).ToHaveTextAsync("The picture must be at least 192 × 192 pixels.");
        await Expect(profile.CropDialog).ToHaveCountAsync(0);
    });

    private async Task<(IPage Page, ProfilePage Profile)> SignInAsync()
    {
        await _app.CompleteSetupAsync("olga@example.com");
        var page = await OpenAsync(_app.BaseUrl, "owner");
        await new SignInPage(page).SignInAsync("olga@example.com", AppServer.Password);
        await Expect(page).Not.ToHaveURLAsync(UrlPath("/account/login"));
        var profile = new ProfilePage(page);
        await profile.OpenAndSaveAsync("fahrrad-nord");
        return (page, profile);
    }
}

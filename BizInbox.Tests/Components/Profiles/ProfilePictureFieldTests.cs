using BizInbox.Domain.Profiles;
using BizInbox.Tests.Domain.Profiles;
using BizInbox.Web.Features.Profiles;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using MudBlazor;

namespace BizInbox.Tests.Components.Profiles;

/// <summary>The picture field's .NET side: picture-crop.js is played by bUnit's JS interop, the saving is real.</summary>
public sealed class ProfilePictureFieldTests : ComponentTest
{
    private const string Slug = "baeckerei-olga";

    private BunitJSModuleInterop _crop = default!;
    private IRenderedComponent<MudDialogProvider> _dialogs = default!;
    private int _changed;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SignInAsync();
        await Get<ProfileService>().SaveAsync(User, new BusinessSettings("Europe/Berlin", "DE", "de"), new ProfileFields(Slug, "", "", "RESTAURANT", "", "", []));
        _crop = JSInterop.SetupModule("./js/picture-crop.js");
        _dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        Render<MudPopoverProvider>();
    }

    [Fact]
    public async Task UsePicture_SavesTheSquareTheBrowserCropped()
    {
        var cropped = ProfilePictureTests.Png(400, 400);
        Loads(new PictureSource(null, "image/png", 640, 400, 400 / 192.0));
        _crop.Setup<IJSStreamReference>("crop", _ => true).SetResult(new CroppedPicture(cropped));
        var field = Choose(ProfilePictureTests.Png(640, 400));

        _dialogs.WaitForAssertion(() => _dialogs.Find("[data-testid=crop-size]").TextContent.ShouldBe("The picture will be 400 × 400 pixels."));
        _crop.VerifyInvoke("show");
        _dialogs.Find("[data-testid=crop-use]").Click();

        field.WaitForAssertion(() => _changed.ShouldBe(1));
        (await Get<ProfileService>().PictureAsync(Slug))!.Value.Content.ShouldBe(cropped);
        _dialogs.FindAll("[data-testid=picture-crop]").ShouldBeEmpty();
        _crop.VerifyInvoke("close");
        field.FindAll("[data-testid=picture-error]").ShouldBeEmpty();
    }

    [Fact]
    public async Task Zoom_TheSliderTellsTheBrowser_AndTheWheelMovesTheSliderAndTheSize()
    {
        Loads(new PictureSource(null, "image/jpeg", 800, 600, 600 / 192.0));
        Choose(ProfilePictureTests.Jpeg(800, 600));
        var dialog = _dialogs.WaitForComponent<PictureCropDialog>();

        _dialogs.Find("input[type=range]").Input("1.5");
        _crop.VerifyInvoke("zoom").Arguments.ShouldBe([1.5]);
        _dialogs.Find("[data-testid=crop-size]").TextContent.ShouldBe("The picture will be 400 × 400 pixels.");

        await dialog.Instance.Zoomed(3);
        _dialogs.WaitForAssertion(() => _dialogs.Find("[data-testid=crop-size]").TextContent.ShouldBe("The picture will be 200 × 200 pixels."));
        _dialogs.Find("input[type=range]").GetAttribute("value").ShouldBe("3");
    }

    [Fact]
    public async Task Cancel_ClosesTheCrop_AndKeepsThePictureThereWas()
    {
        Loads(new PictureSource(null, "image/png", 300, 300, 300 / 192.0));
        var field = Choose(ProfilePictureTests.Png(300, 300));

        _dialogs.WaitForElement("[data-testid=crop-cancel]").Click();

        _dialogs.WaitForAssertion(() => _dialogs.FindAll("[data-testid=picture-crop]").ShouldBeEmpty());
        _crop.VerifyInvoke("close");
        _crop.VerifyNotInvoke("crop");
        (await Get<ProfileService>().PictureAsync(Slug)).ShouldBeNull();
        _changed.ShouldBe(0);
        field.FindAll("[data-testid=picture-error]").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("too_small", "The picture must be at least 192 × 192 pixels.")]
    [InlineData("type", "Only PNG and JPEG pictures are accepted; this file is neither.")]
    public void WhatTheBrowserFindsWrong_IsShownNextToTheField_WithoutTheCrop(string problem, string message)
    {
        Loads(new PictureSource(problem, null, 100, 100, 1));

        var field = Choose(ProfilePictureTests.Png(100, 100));

        field.WaitForAssertion(() => field.Find("[data-testid=picture-error]").TextContent.ShouldBe(message));
        _crop.VerifyNotInvoke("show");
        _dialogs.FindAll("[data-testid=picture-crop]").ShouldBeEmpty();
    }

    [Fact]
    public async Task APictureTheServerRefuses_ShowsItsReasonNextToTheField()
    {
        Loads(new PictureSource(null, "image/png", 640, 400, 400 / 192.0));
        _crop.Setup<IJSStreamReference>("crop", _ => true).SetResult(new CroppedPicture(ProfilePictureTests.Png(400, 300)));
        var field = Choose(ProfilePictureTests.Png(640, 400));

        _dialogs.WaitForElement("[data-testid=crop-use]").Click();

        field.WaitForAssertion(() => field.Find("[data-testid=picture-error]").TextContent.ShouldBe("The picture must be square; crop it first."));
        (await Get<ProfileService>().PictureAsync(Slug)).ShouldBeNull();
        _changed.ShouldBe(0);
    }

    [Fact]
    public void AFileOverFiveMegabytes_IsRefusedBeforeTheBrowserDecodesIt()
    {
        var field = Choose(ProfilePictureTests.Png(500, 500, ProfilePicture.MaxBytes + 1));

        field.WaitForAssertion(() => field.Find("[data-testid=picture-error]").TextContent.ShouldBe("The picture is larger than 5 MB."));
        _crop.VerifyNotInvoke("load");
    }

    private void Loads(PictureSource source) => _crop.Setup<PictureSource>("load", _ => true).SetResult(source);

    private IRenderedComponent<ProfilePictureField> Choose(byte[] file)
    {
        var field = Render<ProfilePictureField>(p => p.Add(f => f.User, User).Add(f => f.Changed, () => _changed++));
        field.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(file, "shop.png", contentType: "image/png"));
        return field;
    }

    /// <summary>What picture-crop.js <c>crop</c> hands back: the bytes behind a stream reference.</summary>
    private sealed class CroppedPicture(byte[] content) : IJSStreamReference
    {
        public long Length => content.Length;

        public ValueTask<Stream> OpenReadStreamAsync(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<Stream>(new MemoryStream(content));

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

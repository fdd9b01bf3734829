using static Microsoft.Playwright.Assertions;

namespace BizInbox.E2E.Pages;

/// <summary>Settings › Business profile, with the picture's crop dialog.</summary>
public sealed class ProfilePage(IPage page)
{
    public ILocator PictureError => page.GetByTestId("picture-error");

    public ILocator CropDialog => page.GetByTestId("picture-crop");

    public ILocator CropFrame => page.GetByRole(AriaRole.Application, new() { Name = "Picture to crop" });

    public ILocator CropSize => page.GetByTestId("crop-size");

    public async Task OpenAndSaveAsync(string slug, bool reload = true)
    {
        if (reload)
        {
            await page.GotoAsync("settings/profile");
        }

        await page.GetByLabel("Page address").FillAsync(slug);
        await page.GetByTestId("profile-save").ClickAsync();
        await Expect(page.GetByText("Business profile saved.")).ToBeVisibleAsync();
    }

    public Task ChoosePictureAsync(byte[] png) =>
        page.GetByTestId("profile-picture").SetInputFilesAsync(new FilePayload { Name = "shop.png", MimeType = "image/png", Buffer = png });

    /// <summary>A PNG drawn by the browser: red left half, blue right half, a green band across the top 50 pixels.</summary>
    public async Task<byte[]> DrawPngAsync(int width, int height)
    {
        var url = await page.EvaluateAsync<string>("""
            ([width, height]) => {
                const canvas = document.createElement('canvas');
                canvas.width = width;
                canvas.height = height;
                const context = canvas.getContext('2d');
                context.fillStyle = '#ff0000';
                context.fillRect(0, 0, width / 2, height);
                context.fillStyle = '#0000ff';
                context.fillRect(width / 2, 0, width / 2, height);
                context.fillStyle = '#00ff00';
                context.fillRect(0, 0, width, 50);
                return canvas.toDataURL('image/png');
            }
            """, new[] { width, height });
        return Convert.FromBase64String(url[(url.IndexOf(',', StringComparison.Ordinal) + 1)..]);
    }

    /// <summary>The colour names ("red", "green", "blue", "other") of the image at <paramref name="url"/> at the given pixels.</summary>
    public Task<string[]> ColoursAtAsync(string url, params int[][] points) =>
        page.EvaluateAsync<string[]>("""
            async ([url, points]) => {
                const image = new Image();
                image.src = url;
                await image.decode();
                const canvas = document.createElement('canvas');
                canvas.width = image.naturalWidth;
                canvas.height = image.naturalHeight;
                const context = canvas.getContext('2d');
                context.drawImage(image, 0, 0);
                return points.map(([x, y]) => {
                    const [r, g, b] = context.getImageData(x, y, 1, 1).data;
                    return r > 200 && g < 60 && b < 60 ? 'red' : g > 200 && r < 60 && b < 60 ? 'green' : b > 200 && r < 60 && g < 60 ? 'blue' : 'other';
                });
            }
            """, new object[] { url, points });
}

using BizInbox.Domain.Profiles;

namespace BizInbox.Web.Features.Profiles;

/// <summary>
/// What the browser read from the chosen file (picture-crop.js <c>load</c>): a problem ("type", "too_small"), or its
/// type, pixel size and the deepest zoom that still leaves a 192-pixel square.
/// </summary>
public sealed record PictureSource(string? Problem, string? Type, int Width, int Height, double MaxZoom)
{
    public const int MaxSide = 1024;

    /// <summary>The side of the saved square at <paramref name="zoom"/>, as picture-crop.js <c>crop</c> draws it.</summary>
    public int OutputSide(double zoom) =>
        Math.Clamp((int)Math.Round(Math.Min(Width, Height) / zoom, MidpointRounding.AwayFromZero), ProfilePicture.MinSide, MaxSide);
}

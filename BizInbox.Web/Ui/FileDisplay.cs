using System.Globalization;
using BizInbox.Domain.Conversations;
using MudBlazor;

namespace BizInbox.Web.Ui;

/// <summary>How a file is shown on a chip or in a message: an icon for its kind and its size.</summary>
public static class FileDisplay
{
    /// <summary>What the file pickers for WhatsApp attachments offer.</summary>
    public const string Accept = ".jpg,.jpeg,.png,.mp4,.3gp,.ogg,.opus,.oga,.mp3,.m4a,.aac,.amr,.pdf,.txt,.doc,.docx,.xls,.xlsx,.ppt,.pptx,"
                                 + "image/jpeg,image/png,video/mp4,video/3gpp,audio/*,application/pdf";

    public static string Icon(MessageContentType type) => type switch
    {
        MessageContentType.Image or MessageContentType.Sticker => Icons.Material.Filled.Image,
        MessageContentType.Video => Icons.Material.Filled.Movie,
        MessageContentType.Audio => Icons.Material.Filled.MusicNote,
        MessageContentType.Voice => Icons.Material.Filled.Mic,
        _ => Icons.Material.Filled.Description,
    };

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.CurrentCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.CurrentCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };
}

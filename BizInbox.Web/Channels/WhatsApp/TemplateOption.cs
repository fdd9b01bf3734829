using BizInbox.Domain.Channels;

namespace BizInbox.Web.Channels.WhatsApp;

/// <summary>An approved template as the composer offers it: what it says and the parameters to fill in.</summary>
public sealed record TemplateOption(int Id, string Name, string Language, TemplateCategory Category, string? Header, string Body, string? Footer, IReadOnlyList<string> Parameters)
{
    public string Label => $"{Name} ({Language})";

    /// <summary>The body with the values typed so far; empty parameters keep their placeholder.</summary>
    public string Preview(IReadOnlyList<string> values) => MessageTemplate.Fill(Body, values);
}

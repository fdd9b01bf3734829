namespace BizInbox.Web.Features.Labels;

/// <summary>A label as the screens show it: its name in its colour.</summary>
public sealed record LabelChip(int Id, string Name, string Color);

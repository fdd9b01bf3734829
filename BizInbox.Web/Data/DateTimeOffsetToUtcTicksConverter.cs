using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BizInbox.Web.Data;

/// <summary>
/// Stores an instant as UTC ticks. The app only ever writes UTC instants, so no offset is lost, and the
/// integer sorts and compares in SQL exactly as the instant does.
/// </summary>
public sealed class DateTimeOffsetToUtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));

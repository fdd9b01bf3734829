using BizInbox.Domain.Audit;

namespace BizInbox.Tests.Domain.Audit;

public class AuditEntryTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome 131 on Windows")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86", "Edge 131 on Windows")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0", "Firefox 132 on Linux")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari 17 on iOS")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Chrome 131 on Android")]
    [InlineData("curl/8.5.0", "curl/8.5.0")]
    [InlineData("", null)]
    public void ShortAgent_NamesBrowserAndSystemOnly(string header, string? expected) =>
        AuditEntry.ShortAgent(header).ShouldBe(expected);

    [Fact]
    public void Record_ClipsLongTextToItsColumns()
    {
        var entry = AuditEntry.Record(DateTimeOffset.UnixEpoch, null, new string('n', 500), AuditAction.SignInFailed,
            new string('t', 500), new string('d', 5000), "2001:db8::1", new string('a', 500));

        entry.ActorName.Length.ShouldBe(AuditEntry.MaxNameLength);
        entry.Target!.Length.ShouldBe(AuditEntry.MaxTargetLength);
        entry.Details!.Length.ShouldBe(AuditEntry.MaxDetailsLength);
        entry.UserAgent!.Length.ShouldBe(AuditEntry.MaxAgentLength);
    }
}

using BizInbox.Domain.Profiles;
using BizInbox.Web.Channels.WhatsApp;

namespace BizInbox.Web.Features.Simulator;

/// <summary>
/// What the simulated WhatsApp knows about each simulated number: its business profile, finished picture uploads, and
/// the display-name review. Kept in the payload types the product reads (<see cref="GraphBusinessProfile"/>,
/// <see cref="WhatsAppNumberStatus"/>), so the simulator cannot answer in a shape the product would not understand.
/// A requested name is reported pending once and approved on the next look, so the demo shows the whole review.
/// </summary>
public sealed class SimulatorProfiles(TimeProvider clock)
{
    private const int MaxUploads = 20;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, GraphBusinessProfile> _profiles = [];
    private readonly Dictionary<string, WhatsAppNumberStatus> _numbers = [];
    private readonly Dictionary<string, int> _looksSinceRequest = [];
    private readonly Dictionary<string, (long Length, string Type, byte[]? Bytes)> _uploads = [];

    public GraphBusinessProfile Profile(string phoneNumberId)
    {
        lock (_gate)
        {
            return _profiles.GetValueOrDefault(phoneNumberId) ?? new("", "", "", "", "UNDEFINED", []);
        }
    }

    public void SetProfile(string phoneNumberId, GraphBusinessProfile profile)
    {
        lock (_gate)
        {
            _profiles[phoneNumberId] = profile;
        }
    }

    /// <summary>The number's status as Meta reports it; each look moves a requested name one step through the review.</summary>
    public WhatsAppNumberStatus Status(string phoneNumberId)
    {
        lock (_gate)
        {
            var status = Current(phoneNumberId);
            if (status.NewDisplayName is { } name && _looksSinceRequest.TryGetValue(phoneNumberId, out var looks))
            {
                _looksSinceRequest[phoneNumberId] = looks + 1;
                if (looks >= 1)
                {
                    status = status with { VerifiedName = name, NameStatus = "APPROVED", NewNameStatus = "APPROVED" };
                    _looksSinceRequest.Remove(phoneNumberId);
                }

                _numbers[phoneNumberId] = status with { NewDisplayName = status.NewNameStatus == "APPROVED" ? null : name, NewNameStatus = status.NewNameStatus == "APPROVED" ? null : status.NewNameStatus };
            }

            return status with { ReportedAt = clock.GetUtcNow() };
        }
    }

    public void RequestName(string phoneNumberId, string name)
    {
        lock (_gate)
        {
            _numbers[phoneNumberId] = Current(phoneNumberId) with { NewDisplayName = name, NewNameStatus = "PENDING_REVIEW" };
            _looksSinceRequest[phoneNumberId] = 0;
        }
    }

    public string OpenUpload(long length, string type)
    {
        lock (_gate)
        {
            if (_uploads.Count >= MaxUploads)
            {
                _uploads.Remove(_uploads.Keys.First());
            }

            var id = "upload:" + Guid.NewGuid().ToString("N");
            _uploads[id] = (length, type, null);
            return id;
        }
    }

    /// <summary>Stores the bytes of an open session and answers the handle, or null when the session or the length is wrong.</summary>
    public string? Upload(string sessionId, byte[] bytes)
    {
        lock (_gate)
        {
            if (!_uploads.TryGetValue(sessionId, out var session) || session.Length != bytes.Length)
            {
                return null;
            }

            _uploads[sessionId] = session with { Bytes = bytes };
            return "4::" + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(sessionId));
        }
    }

    private WhatsAppNumberStatus Current(string phoneNumberId) =>
        _numbers.GetValueOrDefault(phoneNumberId) ?? new("BizInbox Demo", "APPROVED", null, null, true, "GREEN", "TIER_1K", clock.GetUtcNow());
}

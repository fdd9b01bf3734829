using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BizInbox.Web.Features.Simulator;

/// <summary>Who wrote a simulated message.</summary>
public enum SimulatedSender
{
    /// <summary>The app (an agent's reply) to the simulated customer.</summary>
    Business,

    /// <summary>The simulated customer to the app.</summary>
    Customer,
}

/// <summary>How far a simulated message got: the ticks the sender sees.</summary>
public enum SimulatedStatus
{
    /// <summary>On its way: not yet confirmed by the other side.</summary>
    Pending = 0,
    Sent = 1,
    Delivered = 2,
    Read = 3,
    Failed = 4,
}

/// <summary>A reply button or list row of an interactive message the app sent.</summary>
public sealed record SimulatedChoice(string Id, string Title, string? Description);

/// <summary>One message between the app and a simulated customer, as the customer's phone shows it.</summary>
public sealed record SimulatedMessage(
    string Wamid,
    string CustomerWaId,
    SimulatedSender Sender,
    DateTimeOffset At,
    string Type,
    string? Text,
    SimulatedStatus Status,
    string? MediaId = null,
    string? MimeType = null,
    string? FileName = null,
    string? InteractiveKind = null,
    IReadOnlyList<SimulatedChoice>? Choices = null,
    string? ListButton = null,
    string? ReactionTo = null,
    string? CallbackData = null)
{
    /// <summary>Reply buttons or list rows the customer can pick (interactive messages only).</summary>
    public IReadOnlyList<SimulatedChoice> Options => Choices ?? [];
}

/// <summary>A file either side sent: uploaded by the app, or sent by the simulated customer.</summary>
public sealed record SimulatedMedia(string Id, string PhoneNumberId, byte[] Bytes, string MimeType, string? FileName)
{
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Bytes));
}

/// <summary>
/// The simulator's memory, per business phone number id: the messages exchanged with simulated customers and the
/// files either side sent. Bounded (oldest dropped) and lost on restart, as befits a demo. Watchers are told of every
/// change, the way the app's event bus tells circuits.
/// </summary>
public sealed class SimulatorStore
{
    private const int MaxMessagesPerNumber = 2000;
    private const int MaxMedia = 200;
    private const long MaxMediaBytes = 200L * 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<SimulatedMessage>> _messages = [];
    private readonly Dictionary<string, Dictionary<string, string>> _names = [];
    private readonly LinkedList<SimulatedMedia> _media = [];
    private readonly List<(string PhoneNumberId, Action Changed)> _watchers = [];
    private long _mediaBytes;
    private long _lastId = 1_000_000_000_000_000;

    /// <summary>Calls <paramref name="changed"/> (on a pool thread) after every change for this number; dispose to stop.</summary>
    public IDisposable Watch(string phoneNumberId, Action changed)
    {
        var watcher = (phoneNumberId, changed);
        lock (_gate)
        {
            _watchers.Add(watcher);
        }

        return new Unsubscriber(() =>
        {
            lock (_gate)
            {
                _watchers.Remove(watcher);
            }
        });
    }

    public void Add(string phoneNumberId, SimulatedMessage message, string? customerName = null)
    {
        lock (_gate)
        {
            var list = ListOf(phoneNumberId);
            list.Add(message);
            if (list.Count > MaxMessagesPerNumber)
            {
                list.RemoveRange(0, list.Count - MaxMessagesPerNumber);
            }

            if (!string.IsNullOrWhiteSpace(customerName))
            {
                NamesOf(phoneNumberId)[message.CustomerWaId] = customerName;
            }
        }

        Notify(phoneNumberId);
    }

    /// <summary>Moves a message's ticks forward (never back); returns the message, or null when unknown.</summary>
    public SimulatedMessage? Advance(string phoneNumberId, string wamid, SimulatedStatus status)
    {
        SimulatedMessage? changed = null;
        lock (_gate)
        {
            var list = ListOf(phoneNumberId);
            var index = list.FindIndex(m => m.Wamid == wamid);
            if (index >= 0 && (list[index].Status < status || status == SimulatedStatus.Failed))
            {
                list[index] = changed = list[index] with { Status = status };
            }
            else if (index >= 0)
            {
                return list[index];
            }
        }

        if (changed is not null)
        {
            Notify(phoneNumberId);
        }

        return changed;
    }

    /// <summary>The app read a customer's message: it and everything the customer sent before it show blue ticks.</summary>
    public bool MarkReadUpTo(string phoneNumberId, string wamid)
    {
        lock (_gate)
        {
            var list = ListOf(phoneNumberId);
            var index = list.FindIndex(m => m.Wamid == wamid && m.Sender == SimulatedSender.Customer);
            if (index < 0)
            {
                return false;
            }

            var customer = list[index].CustomerWaId;
            for (var i = 0; i <= index; i++)
            {
                if (list[i].Sender == SimulatedSender.Customer && list[i].CustomerWaId == customer && list[i].Status < SimulatedStatus.Read)
                {
                    list[i] = list[i] with { Status = SimulatedStatus.Read };
                }
            }
        }

        Notify(phoneNumberId);
        return true;
    }

    /// <summary>The conversation with one customer, oldest first.</summary>
    public IReadOnlyList<SimulatedMessage> Conversation(string phoneNumberId, string customerWaId)
    {
        lock (_gate)
        {
            return ListOf(phoneNumberId).Where(m => m.CustomerWaId == customerWaId).ToList();
        }
    }

    public SimulatedMessage? Find(string phoneNumberId, string wamid)
    {
        lock (_gate)
        {
            return ListOf(phoneNumberId).FirstOrDefault(m => m.Wamid == wamid);
        }
    }

    /// <summary>The simulated customers of a number, most recent first, with the names they gave.</summary>
    public IReadOnlyList<(string WaId, string Name)> Customers(string phoneNumberId)
    {
        lock (_gate)
        {
            var names = NamesOf(phoneNumberId);
            return ListOf(phoneNumberId).AsEnumerable().Reverse().Select(m => m.CustomerWaId).Distinct()
                .Select(id => (id, names.GetValueOrDefault(id, id))).ToList();
        }
    }

    public SimulatedMedia AddMedia(string phoneNumberId, byte[] bytes, string mimeType, string? fileName)
    {
        var media = new SimulatedMedia(NewId(), phoneNumberId, bytes, mimeType, fileName);
        lock (_gate)
        {
            _media.AddLast(media);
            _mediaBytes += bytes.Length;
            while (_media.Count > MaxMedia || _mediaBytes > MaxMediaBytes)
            {
                _mediaBytes -= _media.First!.Value.Bytes.Length;
                _media.RemoveFirst();
            }
        }

        return media;
    }

    public SimulatedMedia? Media(string phoneNumberId, string mediaId)
    {
        lock (_gate)
        {
            return _media.FirstOrDefault(m => m.Id == mediaId && m.PhoneNumberId == phoneNumberId);
        }
    }

    /// <summary>A new numeric id, as Meta gives media.</summary>
    public string NewId() => Interlocked.Increment(ref _lastId).ToString(CultureInfo.InvariantCulture);

    /// <summary>A new WhatsApp message id (wamid.…), unique per process.</summary>
    public string NewWamid(string customerWaId) =>
        "wamid." + Convert.ToBase64String(Encoding.ASCII.GetBytes($"{customerWaId}:{NewId()}:{Guid.NewGuid():N}"));

    private List<SimulatedMessage> ListOf(string phoneNumberId) =>
        _messages.TryGetValue(phoneNumberId, out var list) ? list : _messages[phoneNumberId] = [];

    private Dictionary<string, string> NamesOf(string phoneNumberId) =>
        _names.TryGetValue(phoneNumberId, out var names) ? names : _names[phoneNumberId] = [];

    private void Notify(string phoneNumberId)
    {
        Action[] targets;
        lock (_gate)
        {
            targets = _watchers.Where(w => w.PhoneNumberId == phoneNumberId).Select(w => w.Changed).ToArray();
        }

        foreach (var target in targets)
        {
            target();
        }
    }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}

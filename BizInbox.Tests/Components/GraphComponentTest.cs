using BizInbox.Tests.Support;
using BizInbox.Web.Channels.WhatsApp;

namespace BizInbox.Tests.Components;

/// <summary>A component test with the fake Graph API running, for components that talk to WhatsApp.</summary>
public abstract class GraphComponentTest : ComponentTest
{
    protected const string NumberId = "106540352242922";

    protected FakeGraphApi Graph { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Graph = await FakeGraphApi.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await Graph.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Connects <see cref="NumberId"/> against the fake as the signed-in owner; returns its inbox id.</summary>
    protected Task<int> ConnectNumberAsync() =>
        Get<WhatsAppConnections>().ConnectAsync(User, "WhatsApp",
            new WhatsAppSettingsInput(NumberId, "102290129340398", "+49 40 1234567", Graph.AccessToken, "app-secret", "verify-token", Graph.Version, Graph.BaseUrl));
}

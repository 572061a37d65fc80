using Amazon.Runtime;
using ImAudit.Aws.Collection;
using ImAudit.Aws.Runtime;
using ImAudit.AwsEmulator;
using ImAudit.Engine.Inventory;
using Microsoft.AspNetCore.Builder;

namespace ImAudit.Aws.Tests;

/// <summary>The AWS API emulator serving the demo inventory over real HTTP on 127.0.0.1 (a free port).</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public AccountInventory Inventory { get; } = InventoryJson.Read(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "demo-inventory.json")), "demo").Inventory!;

    public EmulatorApp Emulator { get; private set; } = null!;

    public string Url { get; private set; } = "";

    public async Task InitializeAsync()
    {
        (Emulator, _app, Url) = await EmulatorApp.StartLocalAsync(Inventory);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
    }

    /// <summary>Client settings aimed at the emulator; backoff delays are recorded instead of slept.</summary>
    public AwsClientSettings Settings(string secret = "test", List<TimeSpan>? delays = null, string region = "us-east-1") =>
        new(region, new BasicAWSCredentials("test", secret), new AwsServiceEndpoints(new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = Url }))
        {
            Delay = (d, _) => { delays?.Add(d); return Task.CompletedTask; },
        };

    /// <summary>Points the settings at another emulator instance (tests that serve a variant inventory).</summary>
    public void UseUrl(string url) => Url = url;

    public AwsClients Clients(AwsClientSettings? settings = null) => AwsClientFactory.Create(settings ?? Settings());
}

[CollectionDefinition("emulator")]
public sealed class EmulatorCollection : ICollectionFixture<EmulatorFixture>;

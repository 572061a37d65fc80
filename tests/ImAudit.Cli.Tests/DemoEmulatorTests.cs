using ImAudit.AwsEmulator;
using ImAudit.Engine.Inventory;
using Microsoft.AspNetCore.Builder;

namespace ImAudit.Cli.Tests;

/// <summary>
/// Tests against the AWS API emulator serving the demo account (samples' inventory), each with an output folder of
/// its own that is removed afterwards.
/// </summary>
public abstract class DemoEmulatorTests : IAsyncLifetime
{
    private WebApplication? _app;

    protected string Out { get; } = Path.Combine(Path.GetTempPath(), "imaudit-demo-" + Guid.NewGuid().ToString("N"));

    /// <summary>The emulator's endpoint (every service).</summary>
    protected string Url { get; private set; } = "";

    protected EmulatorApp Emulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var inventory = InventoryJson.Read(File.ReadAllBytes(CliRunner.Fixture("demo-account/inventory.json")), "demo").Inventory!;
        (Emulator, _app, Url) = await EmulatorApp.StartLocalAsync(inventory);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        if (Directory.Exists(Out))
            Directory.Delete(Out, recursive: true);
    }
}

using System.Diagnostics;

namespace ImAudit.Function.Tests;

/// <summary>
/// The real Native AOT <c>bootstrap</c>, built once per test run the way <c>sam build</c> builds it
/// (<c>make build-AuditFunction ARTIFACTS_DIR=…</c>); or the one <c>IMAUDIT_BOOTSTRAP</c> names.
/// </summary>
public sealed class BootstrapFixture : IDisposable
{
    private readonly string? _artifacts;

    public BootstrapFixture()
    {
        if (Environment.GetEnvironmentVariable("IMAUDIT_BOOTSTRAP") is { Length: > 0 } prebuilt)
        {
            Path = prebuilt;
            return;
        }
        _artifacts = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "imaudit-bootstrap-" + Guid.NewGuid().ToString("N"));
        var make = new ProcessStartInfo("make", ["build-AuditFunction", "ARTIFACTS_DIR=" + _artifacts])
        {
            WorkingDirectory = RepositoryRoot(), RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var process = Process.Start(make)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("make build-AuditFunction did not finish in 10 minutes");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"make build-AuditFunction failed ({process.ExitCode}): {errors.Result}{output.Result}");
        Path = System.IO.Path.Combine(_artifacts, "bootstrap");
    }

    public string Path { get; }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "ImAudit.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("the repository root (ImAudit.sln) is not above the test directory");
    }

    public void Dispose()
    {
        if (_artifacts is not null && Directory.Exists(_artifacts))
            Directory.Delete(_artifacts, recursive: true);
    }
}

/// <summary>One bootstrap build for every test class that runs it (the Native AOT build takes minutes).</summary>
[CollectionDefinition(Name)]
public sealed class BootstrapCollection : ICollectionFixture<BootstrapFixture>
{
    public const string Name = "bootstrap";
}

using System.Text;
using Amazon.S3.Model;
using ImAudit.Aws.Runtime;
using ImAudit.Aws.Storage;

namespace ImAudit.Aws.Tests;

/// <summary>The S3 report store with the official S3 client, against moto_server's S3 and the emulator's.</summary>
[Collection("emulator")]
public sealed class S3ReportStoreTests(EmulatorFixture emulator, MotoFixture moto) : IClassFixture<MotoFixture>
{
    public static TheoryData<string> Hosts => ["moto", "emulator"];

    private async Task<S3ReportStore> Store(string host)
    {
        AwsClientSettings settings = host == "moto" ? moto.Settings() : emulator.Settings();
        var s3 = S3ClientFactory.Create(settings);
        var bucket = "reports-" + Guid.NewGuid().ToString("N")[..12];
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        return new S3ReportStore(s3, bucket);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task A_create_only_write_wins_once_and_the_object_reads_back_with_its_etag(string host)
    {
        var store = await Store(host);

        var first = await store.WriteAsync("snapshots/latest.json", Bytes("one"), "application/json", WriteCondition.CreateOnly);
        var second = await store.WriteAsync("snapshots/latest.json", Bytes("two"), "application/json", WriteCondition.CreateOnly);
        var read = await store.ReadAsync("snapshots/latest.json");

        Assert.True(first.Written);
        Assert.False(second.Written);
        Assert.Equal("one", Encoding.UTF8.GetString(read!.Body));
        Assert.Equal(first.ETag, read.ETag);
        Assert.Null(await store.ReadAsync("snapshots/none.json"));
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task A_replace_names_the_version_it_read_and_a_stale_one_loses(string host)
    {
        var store = await Store(host);
        var created = await store.WriteAsync("snapshots/latest.json", Bytes("v1"), "application/json", WriteCondition.CreateOnly);

        var replaced = await store.WriteAsync("snapshots/latest.json", Bytes("v2"), "application/json", WriteCondition.ReplaceIf(created.ETag!));
        var stale = await store.WriteAsync("snapshots/latest.json", Bytes("v3"), "application/json", WriteCondition.ReplaceIf(created.ETag!));

        Assert.True(replaced.Written);
        Assert.False(stale.Written);
        Assert.Equal("v2", Encoding.UTF8.GetString((await store.ReadAsync("snapshots/latest.json"))!.Body));
    }

    // Issue 14: reports are written by their writers (through a spool file), not handed over as one array; the
    // conditions hold as for bytes, and nothing of the spool is left behind.
    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task A_streamed_write_keeps_the_conditions_and_leaves_no_spool(string host)
    {
        var store = await Store(host);
        var spools = Directory.GetFiles(Path.GetTempPath(), "imaudit-upload-*").Length;
        var large = new string('x', 3 << 20);

        var created = await store.WriteAsync("snapshots/latest.json", s => s.Write(Bytes(large)), "application/json", WriteCondition.CreateOnly);
        var again = await store.WriteAsync("snapshots/latest.json", s => s.Write(Bytes("two")), "application/json", WriteCondition.CreateOnly);
        var replaced = await store.WriteAsync("snapshots/latest.json", s => s.Write(Bytes("v2")), "application/json", WriteCondition.ReplaceIf(created.ETag!));
        var stale = await store.WriteAsync("snapshots/latest.json", s => s.Write(Bytes("v3")), "application/json", WriteCondition.ReplaceIf(created.ETag!));

        Assert.True(created.Written);
        Assert.False(again.Written);
        Assert.True(replaced.Written);
        Assert.False(stale.Written);
        Assert.Equal("v2", Encoding.UTF8.GetString((await store.ReadAsync("snapshots/latest.json"))!.Body));
        Assert.Equal(spools, Directory.GetFiles(Path.GetTempPath(), "imaudit-upload-*").Length);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Of_two_runs_replacing_the_same_version_at_once_exactly_one_wins(string host)
    {
        var store = await Store(host);
        var created = await store.WriteAsync("snapshots/latest.json", Bytes("base"), "application/json", WriteCondition.CreateOnly);

        var results = await Task.WhenAll(
            store.WriteAsync("snapshots/latest.json", Bytes("run-a"), "application/json", WriteCondition.ReplaceIf(created.ETag!)),
            store.WriteAsync("snapshots/latest.json", Bytes("run-b"), "application/json", WriteCondition.ReplaceIf(created.ETag!)));

        var winner = Assert.Single(results, r => r.Written);
        var body = Encoding.UTF8.GetString((await store.ReadAsync("snapshots/latest.json"))!.Body);
        Assert.Contains(body, new[] { "run-a", "run-b" });
        Assert.Equal(winner.ETag, (await store.ReadAsync("snapshots/latest.json"))!.ETag);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Listing_finds_every_key_under_a_prefix(string host)
    {
        var store = await Store(host);
        foreach (var key in new[] { "runs/2026-11-20/report.json", "runs/2026-11-21/report.json", "snapshots/latest.json" })
            await store.WriteAsync(key, Bytes(key), "application/json", WriteCondition.Always);

        Assert.Equal(["runs/2026-11-20/report.json", "runs/2026-11-21/report.json"], (await store.ListAsync("runs/")).Order(StringComparer.Ordinal));
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}

using BenchmarkDotNet.Attributes;
using CrmRecording.Vault.Blobs;
using CrmRecording.Vault.Keys;
using CrmRecording.Vault.Metadata;
using CrmRecording.Vault.Recordings;

namespace CrmRecording.Benchmarks;

/// <summary>
/// Seeking in a long call: decrypting a 64 KiB range from the middle of a 1 GiB recording in the local
/// store (key unwrap, header check, the one or two chunks the range spans).
/// </summary>
[MemoryDiagnoser]
public class VaultBenchmarks : IDisposable
{
    private const long Size = 1L << 30;
    private string _dir = string.Empty;
    private RecordingVault _vault = null!;
    private SqliteMetadataStore _metadata = null!;
    private RecordingId _id;
    private readonly MemoryStream _sink = new(capacity: 1 << 17);

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("crmrec-bench-vault-").FullName;
        var now = TimeProvider.System.GetUtcNow();
        _metadata = new SqliteMetadataStore(Path.Combine(_dir, "vault.db"));
        _metadata.MigrateAsync().GetAwaiter().GetResult();
        var keys = LocalKeyRing.OpenOrCreate(Path.Combine(_dir, "keys", "keyring.json"), now);
        _vault = new RecordingVault(new LocalBlobStore(Path.Combine(_dir, "recordings"), now), _metadata, keys, RetentionClasses.Default, TimeProvider.System);
        using var source = new GeneratedAudio(Size);
        _id = _vault.ImportAsync(source, new ImportRequest("bench")).GetAwaiter().GetResult().Id;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _metadata.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_dir, recursive: true);
    }

    public void Dispose()
    {
        _sink.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "64 KiB range from the middle of 1 GiB")]
    public long ReadMiddleRange()
    {
        _sink.SetLength(0);
        const long start = (Size / 2) - 1000;
        _vault.ExportAsync(_id, start, start + 65535, _sink, "bench").GetAwaiter().GetResult();
        return _sink.Length;
    }

    /// <summary>Deterministic pseudo-audio of a given length, generated as it is read (nothing held in memory).</summary>
    private sealed class GeneratedAudio(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                buffer[offset + i] = unchecked((byte)((_position + i) * 31 >> 3));
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CrmRecording.Vault.Blobs;

/// <summary>
/// Switches an open file to direct I/O (Linux <c>O_DIRECT</c>): its writes go from the process's buffer to the disk
/// without a copy into the page cache, whose new pages cost more than the disk itself on some virtual machines.
/// </summary>
internal static partial class LinuxDirectIo
{
    /// <summary>Direct writes must start at, and be a multiple of, the device's logical block; 4 KiB covers every common one.</summary>
    public const int Alignment = 4096;

    private const int GetStatusFlags = 3;
    private const int SetStatusFlags = 4;

    /// <returns>False where the system or the file system does not offer direct I/O; the file is then left as it was.</returns>
    public static bool TryEnable(SafeFileHandle file)
    {
        // O_DIRECT's value differs between architectures; elsewhere than these, buffered writes stay.
        int? direct = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 or Architecture.X86 => 0x4000,
            Architecture.Arm64 or Architecture.Arm => 0x10000,
            _ => null,
        };
        if (!OperatingSystem.IsLinux() || direct is null)
        {
            return false;
        }

        var flags = Fcntl(file, GetStatusFlags, 0);
        return flags >= 0 && Fcntl(file, SetStatusFlags, flags | direct.Value) == 0;
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(SafeFileHandle fd, int command, int argument);
}

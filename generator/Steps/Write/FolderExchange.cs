using System.Runtime.InteropServices;

namespace Express.Site.Steps.Write;

/// <summary>
/// Exchanges two folders in one step where the kernel can (Linux's renameat2 with RENAME_EXCHANGE): whoever reads
/// the output while a build replaces it, such as the preview's server, finds the old site or the new one, never none.
/// </summary>
internal static class FolderExchange
{
    private const int CurrentFolder = -100; // AT_FDCWD: relative paths are taken from the working folder
    private const uint Exchange = 2; // RENAME_EXCHANGE

    /// <summary>Swaps the contents of the two paths; false where the system cannot (then nothing has changed).</summary>
    public static bool TryExchange(string first, string second)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return RenameAt2(CurrentFolder, first, CurrentFolder, second, Exchange) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false; // a C library without renameat2 (glibc before 2.28, some musl versions)
        }
    }

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameAt2(int oldFolder, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath,
        int newFolder, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);
}

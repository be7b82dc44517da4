using System.Runtime.InteropServices;

namespace Express.Site.Steps.Read;

/// <summary>
/// The canonical path of a file with every symlink resolved, as the operating system resolves it (realpath(3)),
/// so that a link's target can be checked to lie inside a folder even when the target's own parents are links.
/// </summary>
public static class RealPath
{
    public enum Failure { None, Dangling, Loop, Unreadable }

    /// <returns>the resolved path, or null with the reason it cannot be resolved.</returns>
    public static string? Resolve(string path, out Failure failure)
    {
        failure = Failure.None;
        if (OperatingSystem.IsWindows()) return ResolveManaged(path, out failure);
        var result = realpath(path, IntPtr.Zero);
        if (result == IntPtr.Zero)
        {
            failure = Marshal.GetLastPInvokeError() switch
            {
                Enoent or Enotdir => Failure.Dangling,
                Eloop => Failure.Loop,
                _ => Failure.Unreadable,
            };
            return null;
        }
        try
        {
            return Marshal.PtrToStringUTF8(result);
        }
        finally
        {
            free(result);
        }
    }

    private static string? ResolveManaged(string path, out Failure failure)
    {
        failure = Failure.None;
        try
        {
            var info = new FileInfo(path);
            var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null || !target.Exists && !Directory.Exists(target.FullName))
            {
                failure = Failure.Dangling;
                return null;
            }
            return Path.GetFullPath(target.FullName);
        }
        catch (IOException)
        {
            failure = Failure.Loop;
            return null;
        }
    }

    private const int Enoent = 2, Enotdir = 20, Eloop = 40;

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr realpath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc")]
    private static extern void free(IntPtr pointer);
}

using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Investigation.Web.Tests.Account;

/// <summary>
/// What an authenticator app computes (RFC 6238): HMAC-SHA1 of the 30-second step since the Unix
/// epoch, keyed with the base32-decoded shared key, truncated to 6 digits (RFC 4226).
/// </summary>
internal static class Totp
{
    public static string Code(string base32Key, DateTimeOffset at, int digits = 6)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, at.ToUnixTimeSeconds() / 30);
        var hash = HMACSHA1.HashData(Base32(base32Key), counter);
        var offset = hash[^1] & 0x0F;
        var binary = (hash[offset] & 0x7F) << 24 | hash[offset + 1] << 16 | hash[offset + 2] << 8 | hash[offset + 3];
        return (binary % (int)Math.Pow(10, digits)).ToString($"D{digits}");
    }

    /// <summary>RFC 4648 base32; spaces, case and padding do not matter.</summary>
    public static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant().Where(c => c is not (' ' or '=')))
        {
            var value = alphabet.IndexOf(c);
            if (value < 0) throw new FormatException($"'{c}' is not a base32 digit.");
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
                buffer &= (1 << bits) - 1;
            }
        }
        return [.. bytes];
    }
}

/// <summary>The test's own TOTP against RFC 6238's published values, so that a failing 2FA test means the application.</summary>
public sealed class TotpTests
{
    // RFC 6238, Appendix B: the SHA-1 key is the ASCII "12345678901234567890".
    private const string RfcKey = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    [Theory]
    [InlineData(59, "94287082")]
    [InlineData(1111111109, "07081804")]
    [InlineData(1234567890, "89005924")]
    [InlineData(20000000000, "65353130")]
    public void Code_MatchesTheRfcTestVectors(long unixSeconds, string expected) =>
        Assert.Equal(expected, Totp.Code(RfcKey, DateTimeOffset.FromUnixTimeSeconds(unixSeconds), digits: 8));

    [Fact]
    public void Base32_DecodesTheRfcKey() =>
        Assert.Equal("12345678901234567890"u8.ToArray(), Totp.Base32(RfcKey.ToLowerInvariant().Insert(4, " ")));
}

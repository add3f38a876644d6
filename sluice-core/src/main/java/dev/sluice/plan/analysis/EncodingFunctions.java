package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Kernel;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.ScalarFunction;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Binary encodings and digests: base64/unbase64, hex/unhex, md5, sha1, sha2, crc32, encode/decode
 * and to_binary. STRING arguments of binary parameters are taken as their UTF-8 bytes, as in Spark.
 */
final class EncodingFunctions {
  private EncodingFunctions() {}

  private static final HexFormat LOWER_HEX = HexFormat.of();
  private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

  /** The charsets Spark 4 accepts in encode/decode (others raise an error). */
  private static final Set<String> CHARSETS = Set.of("US-ASCII", "ISO-8859-1", "UTF-8", "UTF-16BE", "UTF-16LE",
      "UTF-16", "UTF-32");

  static void register(FunctionRegistry r) {
    r.register("base64", 1, 1, "base64(bin)", (a, c) -> new ScalarFunction("base64",
        List.of(FunctionArgs.binary(a.get(0), c)), DataTypes.StringType,
        new Kernel.ObjUnary<byte[]>(b -> Base64.getEncoder().encodeToString(b))))
        .doc("Returns the base64 encoding of the binary `bin`; a STRING argument is encoded as its UTF-8 bytes. "
            + "NULL gives NULL.")
        .example("SELECT base64('Spark SQL')", "U3BhcmsgU1FM")
        .example("SELECT base64(x'537061726b2053514c')", "U3BhcmsgU1FM");
    r.register("unbase64", 1, 1, "unbase64(str)", (a, c) -> new ScalarFunction("unbase64",
        List.of(StringFunctions.str(a.get(0), c)), DataTypes.BinaryType,
        new Kernel.ObjUnary<String>(s -> unbase64(s, "unbase64"))))
        .doc("Decodes the base64 string `str` into a binary value (whitespace is ignored). NULL gives NULL.")
        .example("SELECT unbase64('U3BhcmsgU1FM')", "Spark SQL")
        .example("SELECT hex(unbase64('AQID'))", "010203");
    r.register("hex", 1, 1, "hex(expr)", EncodingFunctions::hex)
        .group("math_funcs")
        .doc("Returns the upper-case hexadecimal text of a number (negative numbers in two's complement over 64 "
            + "bits), of the bytes of a binary value, or of the UTF-8 bytes of a string. NULL gives NULL.")
        .example("SELECT hex(17)", "11")
        .example("SELECT hex('Spark SQL')", "537061726B2053514C")
        .example("SELECT hex(-1)", "FFFFFFFFFFFFFFFF");
    r.register("unhex", 1, 1, "unhex(str)", (a, c) -> new ScalarFunction("unhex",
        List.of(StringFunctions.str(a.get(0), c)), DataTypes.BinaryType,
        new Kernel.ObjUnary<>(EncodingFunctions::unhex)))
        .group("math_funcs")
        .doc("Converts the hexadecimal string `str` into the binary value it spells; an odd number of digits is "
            + "read as if it had a leading 0. NULL when `str` is NULL or has a character that is not a "
            + "hexadecimal digit.")
        .example("SELECT decode(unhex('537061726B2053514C'), 'UTF-8')", "Spark SQL")
        .example("SELECT hex(unhex('F'))", "0F")
        .example("SELECT unhex('GG')", "NULL");
    r.register("md5", 1, 1, "md5(bin)", (a, c) -> digest("md5", "MD5", a.get(0), c))
        .group("hash_funcs")
        .doc("Returns the MD5 digest of `bin` (a STRING is hashed as its UTF-8 bytes) as 32 lower-case "
            + "hexadecimal digits. NULL gives NULL.")
        .example("SELECT md5('Spark')", "8cde774d6f7333752ed72cacddb05126");
    r.register("sha1", 1, 1, "sha1(bin)", (a, c) -> digest(FunctionArgs.name(c), "SHA-1", a.get(0), c))
        .group("hash_funcs")
        .doc("Returns the SHA-1 digest of `bin` (a STRING is hashed as its UTF-8 bytes) as 40 lower-case "
            + "hexadecimal digits. NULL gives NULL.")
        .example("SELECT sha1('Spark')", "85f5955f4b27a9a4c2aab6ffe5d7189fc298b92c")
        .example("SELECT sha('Spark')", "85f5955f4b27a9a4c2aab6ffe5d7189fc298b92c");
    r.alias("sha", "sha1");
    r.register("sha2", 2, 2, "sha2(bin, bitLength)", (a, c) -> new ScalarFunction("sha2",
        List.of(FunctionArgs.binary(a.get(0), c), StringFunctions.integer(a.get(1), c)), DataTypes.StringType, v -> {
          String alg = switch ((Integer) v[1]) {
            case 224 -> "SHA-224";
            case 0, 256 -> "SHA-256";
            case 384 -> "SHA-384";
            case 512 -> "SHA-512";
            default -> null;
          };
          return alg == null ? null : LOWER_HEX.formatHex(messageDigest(alg).digest((byte[]) v[0]));
        }))
        .group("hash_funcs")
        .doc("Returns the SHA-2 digest of `bin` as lower-case hexadecimal digits; `bitLength` chooses SHA-224, "
            + "SHA-256, SHA-384 or SHA-512 (224, 256, 384, 512; 0 means 256). Any other bit length, or a NULL "
            + "argument, gives NULL.")
        .example("SELECT sha2('Spark', 256)", "529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b")
        .example("SELECT sha2('Spark', 224)", "dbeab94971678d36af2195851c0f7485775a2a7c60073d62fc04549c")
        .example("SELECT sha2('Spark', 100)", "NULL");
    r.register("crc32", 1, 1, "crc32(bin)", (a, c) -> new ScalarFunction("crc32",
        List.of(FunctionArgs.binary(a.get(0), c)), DataTypes.LongType, new Kernel.ObjToLong<byte[]>(b -> {
          CRC32 crc = new CRC32();
          crc.update(b);
          return crc.getValue();
        })))
        .group("hash_funcs")
        .doc("Returns the CRC-32 checksum of `bin` (a STRING is taken as its UTF-8 bytes) as a BIGINT. NULL "
            + "gives NULL.")
        .example("SELECT crc32('Spark')", "1557323817");
    r.register("encode", 2, 2, "encode(str, charset)", (a, c) -> {
      Expression s = StringFunctions.str(a.get(0), c);
      Expression cs = StringFunctions.str(a.get(1), c);
      Charset constant = cs.foldable() ? charset(c.constant(cs), true) : null;
      return new ScalarFunction("encode", List.of(s, cs), DataTypes.BinaryType,
          v -> encode((String) v[0], constant != null ? constant : charset(v[1], false)));
    }).doc("Encodes `str` into a binary value in the character set `charset` ('US-ASCII', 'ISO-8859-1', "
            + "'UTF-8', 'UTF-16BE', 'UTF-16LE', 'UTF-16', 'UTF-32', case-insensitive); another charset, or a "
            + "character the charset cannot represent, is an error. NULL arguments give NULL.")
        .example("SELECT encode('abc', 'utf-8')", "abc")
        .example("SELECT hex(encode('abc', 'UTF-16BE'))", "006100620063");
    r.register("decode", 2, Integer.MAX_VALUE, "decode(bin, charset) | decode(expr, search, result, ...[, default])",
        (a, c) -> {
          if (a.size() > 2) {
            return decodeCase(a, c);
          }
          Expression b = FunctionArgs.binary(a.get(0), c);
          Expression cs = StringFunctions.str(a.get(1), c);
          Charset constant = cs.foldable() ? charset(c.constant(cs), true) : null;
          return new ScalarFunction("decode", List.of(b, cs), DataTypes.StringType,
              v -> decode((byte[]) v[0], constant != null ? constant : charset(v[1], false)));
        })
        .doc("With two arguments, decodes the binary `bin` from the character set `charset` (as in `encode`) "
            + "into a string; bytes invalid in that charset are an error. With more, compares `expr` with each "
            + "`search` in turn (NULL equals NULL) and returns the matching `result`, else `default` or NULL.")
        .example("SELECT decode(encode('abc', 'utf-8'), 'utf-8')", "abc")
        .example("SELECT decode(2, 1, 'Southlake', 2, 'San Francisco', 3, 'New Jersey', 4, 'Seattle', "
            + "'Non domestic')", "San Francisco")
        .example("SELECT decode(6, 1, 'Southlake', 2, 'San Francisco', 3, 'New Jersey', 4, 'Seattle')", "NULL")
        .example("SELECT decode(null, 6, 'Spark', NULL, 'SQL', 4, 'rocks')", "SQL");
    r.register("to_binary", 1, 2, "to_binary(str[, fmt])", (a, c) -> toBinary(a, c, false))
        .doc("Converts `str` to a binary value read in the constant format `fmt`: 'hex' (the default), 'utf-8' "
            + "(or 'utf8') or 'base64', case-insensitive. Input that is invalid in the format, or another format, "
            + "is an error; NULL arguments give NULL.")
        .example("SELECT to_binary('abc', 'utf-8')", "abc")
        .example("SELECT to_binary('537061726B2053514C')", "Spark SQL")
        .example("SELECT to_binary('U3BhcmsgU1FM', 'base64')", "Spark SQL");
    r.register("try_to_binary", 1, 2, "try_to_binary(str[, fmt])", (a, c) -> toBinary(a, c, true))
        .doc("Like `to_binary`, but returns NULL instead of failing when `str` is invalid in the format or the "
            + "format is not one of 'hex', 'utf-8', 'utf8' or 'base64'.")
        .example("SELECT try_to_binary('abc', 'utf-8')", "abc")
        .example("SELECT try_to_binary('a!', 'base64')", "NULL")
        .example("SELECT try_to_binary('abc', 'invalidFormat')", "NULL");
  }

  /** One digest per algorithm and thread, reused across rows (MessageDigest is not thread-safe). */
  private static final ThreadLocal<java.util.Map<String, MessageDigest>> DIGESTS =
      ThreadLocal.withInitial(java.util.HashMap::new);

  private static MessageDigest messageDigest(String alg) {
    MessageDigest md = DIGESTS.get().computeIfAbsent(alg, a -> {
      try {
        return MessageDigest.getInstance(a);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(a + " is missing from this JVM", e);
      }
    });
    md.reset();
    return md;
  }

  private static Expression digest(String name, String alg, Expression e, FunctionRegistry.FunctionContext c) {
    return new ScalarFunction(name, List.of(FunctionArgs.binary(e, c)), DataTypes.StringType,
        new Kernel.ObjUnary<byte[]>(b -> LOWER_HEX.formatHex(messageDigest(alg).digest(b))));
  }

  private static Expression hex(List<Expression> a, FunctionRegistry.FunctionContext c) {
    Expression x = a.get(0);
    DataType t = x.dataType();
    if (t == DataTypes.BinaryType) {
      return new ScalarFunction("hex", List.of(x), DataTypes.StringType, new Kernel.ObjUnary<byte[]>(UPPER_HEX::formatHex));
    }
    if (t == DataTypes.StringType) {
      return new ScalarFunction("hex", List.of(x), DataTypes.StringType,
          new Kernel.ObjUnary<String>(s -> UPPER_HEX.formatHex(s.getBytes(StandardCharsets.UTF_8))));
    }
    Expression l = FunctionArgs.lng(x, c);
    return new ScalarFunction("hex", List.of(l), DataTypes.StringType,
        v -> Long.toHexString((Long) v[0]).toUpperCase(Locale.ROOT));
  }

  /** Spark's unhex: an odd length gets a leading 0; any non-hex character gives NULL. */
  static byte[] unhex(String s) {
    int n = s.length();
    byte[] out = new byte[(n + 1) >> 1];
    int i = 0;
    int o = 0;
    if ((n & 1) != 0) {
      int d = Character.digit(s.charAt(0), 16);
      if (d < 0 || s.charAt(0) > 0x7f) {
        return null;
      }
      out[o++] = (byte) d;
      i = 1;
    }
    for (; i < n; i += 2) {
      char x = s.charAt(i);
      char y = s.charAt(i + 1);
      int hi = x > 0x7f ? -1 : Character.digit(x, 16);
      int lo = y > 0x7f ? -1 : Character.digit(y, 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[o++] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  static byte[] unbase64(String s, String fn) {
    try {
      return Base64.getMimeDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw FunctionArgs.runtime(fn, "'" + s + "' is not valid base64: " + e.getMessage());
    }
  }

  /** A charset Spark accepts; at analysis (constant) the error is an AnalysisException. */
  private static Charset charset(Object name, boolean analysis) {
    if (name == null) {
      return null;
    }
    String n = ((String) name).toUpperCase(Locale.ROOT).replace("UTF8", "UTF-8");
    if (!CHARSETS.contains(n)) {
      String detail = "the charset '" + name + "' is not supported; use one of " + String.join(", ",
          new java.util.TreeSet<>(CHARSETS));
      if (analysis) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "`encode/decode`", detail);
      }
      throw FunctionArgs.runtime("encode/decode", detail);
    }
    return Charset.forName(n);
  }

  static byte[] encode(String s, Charset cs) {
    if (cs == null) {
      return null;
    }
    try {
      ByteBuffer b = cs.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(s));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw FunctionArgs.runtime("encode", "the string '" + s + "' cannot be encoded in " + cs.name());
    }
  }

  static String decode(byte[] b, Charset cs) {
    if (cs == null) {
      return null;
    }
    try {
      return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      throw FunctionArgs.runtime("decode", "the bytes X'" + UPPER_HEX.formatHex(b) + "' are not valid " + cs.name());
    }
  }

  /** {@code decode(expr, search1, result1, ..., [default])}: the first result whose search equals expr (NULL-safe). */
  private static Expression decodeCase(List<Expression> a, FunctionRegistry.FunctionContext c) {
    List<Expression> args = new ArrayList<>();
    Expression x = a.get(0);
    int pairs = (a.size() - 1) / 2;
    for (int i = 0; i < pairs; i++) {
      args.add(OperatorFunctions.comparison(dev.sluice.plan.expr.Comparison.Op.NULL_SAFE_EQ, x, a.get(1 + 2 * i),
          c.ansi()));
      args.add(a.get(2 + 2 * i));
    }
    if ((a.size() - 1) % 2 == 1) {
      args.add(a.get(a.size() - 1));
    }
    return ConditionalFunctions.caseWhen(args, c);
  }

  private static Expression toBinary(List<Expression> a, FunctionRegistry.FunctionContext c, boolean tryMode) {
    String name = tryMode ? "try_to_binary" : "to_binary";
    Expression s = StringFunctions.str(a.get(0), c);
    String fmt = a.size() == 2 ? FunctionArgs.constantString(a.get(1), c, "format") : "hex";
    if (fmt == null) {
      return new Literal(null, DataTypes.BinaryType);
    }
    String f = fmt.toLowerCase(Locale.ROOT);
    List<Expression> args = a.size() == 2 ? List.of(s, a.get(1)) : List.of(s);
    return switch (f) {
      case "hex" -> new ScalarFunction(name, args, DataTypes.BinaryType, v -> {
        byte[] b = unhex((String) v[0]);
        if (b == null && !tryMode) {
          throw FunctionArgs.runtime(name, "'" + v[0] + "' is not a hexadecimal string; use try_to_binary to get NULL");
        }
        return b;
      });
      case "utf-8", "utf8" -> new ScalarFunction(name, args, DataTypes.BinaryType,
          v -> ((String) v[0]).getBytes(StandardCharsets.UTF_8));
      case "base64" -> new ScalarFunction(name, args, DataTypes.BinaryType, v -> {
        String str = (String) v[0];
        if (!str.matches("[A-Za-z0-9+/\\s]*(=\\s*){0,2}")) {
          if (tryMode) {
            return null;
          }
          throw FunctionArgs.runtime(name, "'" + str + "' is not a base64 string; use try_to_binary to get NULL");
        }
        try {
          return Base64.getMimeDecoder().decode(str);
        } catch (IllegalArgumentException e) {
          if (tryMode) {
            return null;
          }
          throw FunctionArgs.runtime(name, "'" + str + "' is not a base64 string; use try_to_binary to get NULL");
        }
      });
      default -> {
        if (tryMode) {
          yield new Literal(null, DataTypes.BinaryType); // Spark's try_to_binary: NULL for an unknown format
        }
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "`" + name + "`",
            "the format '" + fmt + "' is not supported; use 'hex', 'utf-8' or 'base64'");
      }
    };
  }
}

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { ApiKey, ApiKeyRole, PrismaClient } from "@prisma/client";

const TOKEN_PREFIX = "ng_";

function sha256(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Creates a key and returns its token, which is not stored and cannot be shown again. */
export async function createApiKey(prisma: PrismaClient, role: ApiKeyRole, name: string): Promise<{ key: ApiKey; token: string }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const key = await prisma.apiKey.create({ data: { role, name, hash: sha256(token), prefix: token.slice(0, 10) } });
  return { key, token };
}

/**
 * The active key a token belongs to, or null. The lookup is by SHA-256 of the token (what an
 * attacker controls is hashed before it meets the index), and the stored hash is compared again
 * in constant time.
 */
export async function findApiKey(prisma: PrismaClient, token: string): Promise<ApiKey | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const hash = sha256(token);
  const key = await prisma.apiKey.findUnique({ where: { hash } });
  if (!key || key.revokedAt) return null;
  const a = Buffer.from(key.hash, "hex");
  const b = Buffer.from(hash, "hex");
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  return key;
}

export async function touchApiKey(prisma: PrismaClient, id: number): Promise<void> {
  await prisma.apiKey.update({ where: { id }, data: { lastUsedAt: new Date() } });
}

export async function revokeApiKey(prisma: PrismaClient, id: number): Promise<boolean> {
  const { count } = await prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  return count === 1;
}

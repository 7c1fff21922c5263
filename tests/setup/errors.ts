/** What a model's refusal looks like to an API client: the HTTP status and the JSON error body. */
import { AppError } from "~/lib/errors.server";
import { errorResponse } from "~/lib/http.server";

export async function errorOf(promise: Promise<unknown>): Promise<{ status: number; body: any }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, body: await errorResponse(error).json() };
    throw error;
  }
  throw new Error("expected a thrown AppError");
}

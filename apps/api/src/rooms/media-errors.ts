import { ForbiddenException, ServiceUnavailableException } from '@nestjs/common';
import { CallbackRejected, MediaServerUnavailable } from '@qatys/domain';

/**
 * A media server that does not answer is a 503 the page can say in words; a provider callback
 * whose signature does not verify is a 403 (it carries no credential of ours, so not a 401).
 */
export async function mapMediaErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof MediaServerUnavailable) {
      throw new ServiceUnavailableException({
        code: 'media_server_unavailable',
        message: 'The video server does not answer',
      });
    }
    if (e instanceof CallbackRejected) throw new ForbiddenException({ code: e.code, message: e.message });
    throw e;
  }
}

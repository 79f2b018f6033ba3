import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EmailDispatcher } from '../../../activities/notifications';
import { APP_CONFIG, AppConfig } from '../../../libs/config/src';
import { FieldCipher, NotificationStore } from '../../../libs/persistence/src';

/**
 * Runs the email outbox dispatcher for the lifetime of the worker process, apart from the Temporal worker: a
 * mail server outage delays emails only, never a case. Without SMTP_HOST it does not start and emails stay
 * PENDING in the outbox until a worker with SMTP configured sends them.
 */
@Injectable()
export class EmailDispatchService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('EmailDispatch');
  private dispatcher?: EmailDispatcher;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    const notifications = this.config.notifications;
    if (!notifications.smtp) {
      this.logger.log('email disabled (SMTP_HOST unset); queued emails stay PENDING in the outbox');
      return;
    }
    this.dispatcher = new EmailDispatcher({
      store: new NotificationStore(this.dataSource, new FieldCipher(this.config.data.keyring)),
      config: notifications,
      logger: this.logger,
    });
    this.dispatcher.start();
    const { intervalMs, batchSize } = notifications.dispatch;
    this.logger.log({ message: 'email dispatcher polling the outbox', intervalMs, batchSize });
  }

  // The first shutdown phase, so the pass in flight finishes while the database connection is still open.
  async onModuleDestroy(): Promise<void> {
    await this.dispatcher?.stop();
    this.dispatcher = undefined;
  }
}

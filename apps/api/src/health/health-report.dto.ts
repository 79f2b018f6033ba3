import { ApiProperty } from '@nestjs/swagger';

/** The OpenAPI shape of a health answer (see libs/observability's HealthReport, which the routes return). */
export class HealthReportDto {
  @ApiProperty({ enum: ['ok', 'error'] })
  status!: 'ok' | 'error';

  @ApiProperty({ description: 'One line naming each dependency that is down, or saying all are up' })
  message!: string;

  @ApiProperty({
    description: 'Dependencies that answered, by name (`database`, `temporal`)',
    example: { database: { status: 'up' } },
  })
  info!: Record<string, { status: 'up' }>;

  @ApiProperty({
    description: 'Dependencies that did not answer, by name, with `reason`: `timeout` or `error`',
    example: { temporal: { status: 'down', reason: 'timeout' } },
  })
  error!: Record<string, { status: 'down'; reason: 'timeout' | 'error' }>;

  @ApiProperty({ description: 'Every dependency checked, up or down' })
  details!: Record<string, { status: 'up' | 'down'; reason?: 'timeout' | 'error' }>;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The one JSON shape every error takes. */
export class ErrorResponse {
  @ApiProperty({ example: 409 })
  statusCode!: number;

  @ApiProperty({ example: 'ILLEGAL_TRANSITION', description: 'Stable machine-readable code' })
  error!: string;

  @ApiProperty({ example: 'ACCEPT_QUESTIONNAIRE is not allowed while the case is in RECORD_CHECKS' })
  message!: string;

  @ApiPropertyOptional({ description: 'Bad fields, or the stage and the actions it allows' })
  details?: Record<string, unknown>;
}

import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiErrors, Public, schema } from '@whistle/http';
import { QuestionnaireAnswerRequest } from './assessment-commands.request.dto';
import { QuestionnaireCommands } from './questionnaire.commands';

/**
 * The residents' questionnaire link, the one part of supervision open without a token (the
 * controller alone is @Public, and its operations say so in the API document, over the document's
 * bearer requirement): the link's token is its key, like a ballot handed out at the door.
 */
@ApiTags('public 公开')
@Public()
@Controller('api/public/questionnaires')
export class QuestionnaireHttpController {
  constructor(private readonly commands: QuestionnaireCommands) {}

  @Get(':token')
  @ApiOperation({ summary: 'A questionnaire link: the firm and compound it rates, and whether it still takes answers (404 for an unknown link)', security: [] })
  @ApiAnswer(schema.object({
    assessmentId: schema.text(),
    quarter: schema.text(),
    firmName: schema.text(),
    compoundId: schema.text(),
    compoundName: schema.object({ zh: schema.text(), en: schema.text() }),
    open: schema.boolean(),
    status: schema.text('why not, when it is not open'),
    responses: schema.integer(),
    maxResponses: schema.integer(),
    expiresAt: schema.text(),
  }), { description: 'The questionnaire link' })
  @ApiErrors(404)
  read(@Param('token') token: string) {
    return this.commands.read(token);
  }

  @Post(':token/responses')
  @ApiOperation({ summary: 'A resident’s satisfaction score, 0–100, anonymous; 409 once the link expired, is full or its assessment completed', security: [] })
  @ApiAnswer(schema.object({ recorded: schema.boolean('always true') }), { description: 'The score was recorded' })
  @ApiErrors(404, 409)
  answer(@Param('token') token: string, @Body() body: QuestionnaireAnswerRequest) {
    return this.commands.answer(token, body.score);
  }
}

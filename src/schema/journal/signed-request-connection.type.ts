import { ObjectType } from 'type-graphql';
import { RelayConnection } from '../relay-connection.type.js';
import { SignedRequest } from './signed-request.type.js';

@ObjectType({ description: 'A Relay connection over the journal of signed requests, newest first.' })
export class SignedRequestConnection extends RelayConnection(SignedRequest, 'the filter and enterprise') {}
